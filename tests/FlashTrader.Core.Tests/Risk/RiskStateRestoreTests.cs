using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Risk;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Risk;

/// <summary>
/// The risk manager's state across a restart: what <see cref="RiskManager.CaptureState"/> holds, restored into a fresh
/// manager (as a restarted process builds it), behaves as if the process had never stopped. The account holds 1 BTC and
/// no USDC, so equity is the BTC mid; the sample's clock starts at 23:54:13 UTC, so midnight is 347 s in.
/// </summary>
public sealed class RiskStateRestoreTests
{
    private const double Midnight = 347_000;

    private static RiskManager Gate(Action<RiskOptions>? configure = null)
    {
        var options = new RiskOptions { MaxDrawdownPercent = 100, DailyLossLimit = 1_000_000m };
        configure?.Invoke(options);
        InstrumentSet instruments = TestOptions.Instruments(TestOptions.Btc());
        var account = new TradingAccount(instruments, TestOptions.Balances(("USDC", 0m), ("BTC", 1m)));
        return new RiskManager(instruments, new ExecutionOptions(), options, account);
    }

    /// <summary>A restarted process: a new manager with the same limits, given the captured state before any event.</summary>
    private static RiskManager Restarted(RiskManager before, Action<RiskOptions>? configure = null)
    {
        RiskManager after = Gate(configure);
        after.RestoreState(before.CaptureState());
        return after;
    }

    private static void MarkAt(RiskManager gate, string mid, double ms = 0, long sequence = 1)
    {
        Fixed8 m = Fixed8.Parse(mid);
        Fixed8 cent = Fixed8.Parse("0.01");
        gate.OnTick(Ticks.At(ms, Ticks.Quote((m - cent).ToString(), (m + cent).ToString()), sequence: sequence));
    }

    private static OrderRequest Order(long id, Side side, double ms, OrderPurpose purpose = OrderPurpose.Entry, string price = "60000") =>
        new(id, 0, side, OrderType.Limit, TimeInForce.Ioc, Fixed8.Parse(price), Fixed8.Parse("0.01"), purpose, -1, 1, Events.At(ms), 1, 0);

    private static RejectReason Entry(RiskManager gate, long id = 1, double ms = 0)
    {
        OrderRequest intent = Order(id, Side.Buy, ms);
        bool approved = gate.TryApprove(intent, Ticks.Quote("59999.99", "60000.01"), out _, out RejectReason reason);
        if (approved)
        {
            gate.OnReport(Report(intent, OrderStatus.Canceled, default, 0, ms));
        }

        return reason;
    }

    private static ExecutionReport Report(in OrderRequest o, OrderStatus status, Fixed8 price, long fillId, double ms, RejectReason reason = RejectReason.None) =>
        new(o.OrderId, o.SymbolId, o.Side, status, o.Purpose, reason, fillId, price, fillId > 0 ? o.Quantity : default, 0m,
            fillId > 0 ? Liquidity.Taker : Liquidity.None, fillId > 0 ? o.Quantity : default, o.Quantity, Events.At(ms), 1);

    /// <summary>Sells 0.01 BTC bought at 60000 for <paramref name="sell"/>: one closed trade (a loss below 60000).</summary>
    private static void LosingTrade(RiskManager gate, long id, string sell = "59990")
    {
        OrderRequest entry = Order(id, Side.Buy, 0);
        gate.Account.OnOrderSent(entry);
        gate.OnReport(Report(entry, OrderStatus.Filled, entry.Price, id, 0));
        OrderRequest exit = Order(id + 1, Side.Sell, 0, OrderPurpose.StopLoss, sell);
        gate.Account.OnOrderSent(exit);
        gate.OnReport(Report(exit, OrderStatus.Filled, exit.Price, id + 1, 0));
    }

    [Fact]
    public void A_drawdown_halt_survives_a_restart_with_its_reason_and_trip_time_and_only_a_reset_by_hand_lifts_it()
    {
        RiskManager before = Gate(r => r.MaxDrawdownPercent = 10);
        MarkAt(before, "100000");
        MarkAt(before, "90000", ms: 5);

        RiskManager after = Restarted(before, r => r.MaxDrawdownPercent = 10);
        MarkAt(after, "100000", ms: 10);

        after.HaltReason.Should().Be("max drawdown 10% reached");
        after.CaptureState().Breakers.Should().Equal(new BreakerState(CircuitBreaker.MaxDrawdown, "max drawdown 10% reached", Events.At(5), long.MaxValue, 1));
        after.PeakEquity.Should().Be(100_000m, "the peak is the journaled one, not the equity after the restart");
        after.MaxDrawdown.Should().Be(10_000m);
        Entry(after).Should().Be(RejectReason.TradingHalted);

        after.ResetBreakers();
        after.Halted.Should().BeFalse();
        Entry(after).Should().Be(RejectReason.None);
    }

    [Fact]
    public void The_peak_is_remembered_so_a_drawdown_that_straddles_the_restart_still_trips()
    {
        RiskManager before = Gate(r => r.MaxDrawdownPercent = 10);
        MarkAt(before, "100000");
        MarkAt(before, "95000", ms: 1);
        before.Halted.Should().BeFalse();

        RiskManager after = Restarted(before, r => r.MaxDrawdownPercent = 10);
        MarkAt(after, "90000", ms: 2);

        after.HaltReason.Should().Be("max drawdown 10% reached", "10% below the peak of 100,000 set before the restart");
    }

    [Fact]
    public void The_days_loss_and_its_starting_equity_survive_a_restart_and_the_next_UTC_day_resets_the_breaker_by_its_rule()
    {
        RiskManager before = Gate(r => r.DailyLossLimit = 500m);
        MarkAt(before, "100000");
        MarkAt(before, "99700", ms: 1);

        RiskManager after = Restarted(before, r => r.DailyLossLimit = 500m);
        MarkAt(after, "99500", ms: 2);
        after.HaltReason.Should().Be("daily loss limit 500 reached", "300 lost before the restart and 200 after make the day's 500");
        after.DayStartEquity.Should().Be(100_000m);

        RiskManager again = Restarted(after, r => r.DailyLossLimit = 500m);
        MarkAt(again, "99500", ms: Midnight - 1);
        again.Halted.Should().BeTrue("still the same UTC day");
        MarkAt(again, "99500", ms: Midnight);
        again.Halted.Should().BeFalse("a new UTC day began");
        again.DayStartEquity.Should().Be(99_500m);
    }

    [Fact]
    public void An_operators_pause_and_a_kill_switch_halt_survive_a_restart()
    {
        RiskManager paused = Gate();
        paused.Halt("paused by dashboard");
        RiskManager killed = Gate();
        killed.Halt("kill switch by SIGUSR1");

        Restarted(paused).HaltReason.Should().Be("paused by dashboard");
        RiskManager after = Restarted(killed);
        after.HaltReason.Should().Be("kill switch by SIGUSR1");
        Entry(after).Should().Be(RejectReason.TradingHalted);
        after.ResetBreakers();
        after.HaltReason.Should().Be("kill switch by SIGUSR1", "a breaker reset leaves an operator's halt");
        after.Resume();
        after.Halted.Should().BeFalse();
    }

    [Fact]
    public void A_losing_streak_continues_across_a_restart()
    {
        RiskManager before = Gate(r => r.MaxConsecutiveLosses = 3);
        LosingTrade(before, 1);
        LosingTrade(before, 3);
        before.Halted.Should().BeFalse();

        RiskManager after = Restarted(before, r => r.MaxConsecutiveLosses = 3);
        after.Account.ClosedTrades.ConsecutiveLosses.Should().Be(2);
        LosingTrade(after, 5);

        after.HaltReason.Should().Be("3 consecutive losing trades");
    }

    [Fact]
    public void A_breakers_cooldown_runs_on_after_a_restart_from_its_journaled_end()
    {
        RiskManager before = Gate(r => { r.MaxConsecutiveLosses = 1; r.ConsecutiveLossCooldownMs = 60_000; });
        MarkAt(before, "60000", ms: 1_000);
        LosingTrade(before, 1);
        before.Halted.Should().BeTrue();

        RiskManager after = Restarted(before, r => { r.MaxConsecutiveLosses = 1; r.ConsecutiveLossCooldownMs = 60_000; });
        after.CaptureState().Breakers.Single().ResetRule.Should().Be($"cooldown until {Events.At(61_000)} ns, or by hand");
        MarkAt(after, "60000", ms: 60_999);
        after.Halted.Should().BeTrue();
        MarkAt(after, "60000", ms: 61_000);
        after.Halted.Should().BeFalse();
    }

    [Fact]
    public void The_order_rate_window_survives_a_restart()
    {
        RiskManager before = Gate(r => r.MaxOrdersPerMinute = 2);
        MarkAt(before, "60000");
        Entry(before, id: 1, ms: 0).Should().Be(RejectReason.None);
        Entry(before, id: 2, ms: 30_000).Should().Be(RejectReason.None);

        RiskManager after = Restarted(before, r => r.MaxOrdersPerMinute = 2);
        after.OrdersToday.Should().Be(2);
        Entry(after, id: 3, ms: 59_999).Should().Be(RejectReason.MaxOrdersPerMinute, "two orders within the minute, both before the restart");
        Entry(after, id: 4, ms: 60_000).Should().Be(RejectReason.None, "the first left the window");
    }

    [Fact]
    public void The_rejection_window_survives_a_restart()
    {
        RiskManager before = Gate(r => r.MaxRejections = 3);
        OrderRequest o = Order(1, Side.Buy, 0);
        before.OnReport(Report(o, OrderStatus.Rejected, default, 0, 0, RejectReason.InsufficientBalance));
        before.OnReport(Report(o with { OrderId = 2 }, OrderStatus.Rejected, default, 0, 1, RejectReason.InsufficientBalance));

        RiskManager after = Restarted(before, r => r.MaxRejections = 3);
        after.OnReport(Report(o with { OrderId = 3 }, OrderStatus.Rejected, default, 0, 2, RejectReason.InsufficientBalance));

        after.HaltReason.Should().Be("3 rejections within 60000 ms");
    }

    [Fact]
    public void Catch_up_ticks_of_a_resumed_replay_move_the_marks_but_never_the_peak_or_the_day()
    {
        RiskManager before = Gate(r => r.MaxDrawdownPercent = 10);
        MarkAt(before, "100000");
        RiskManager after = Restarted(before, r => r.MaxDrawdownPercent = 10);

        Fixed8 cent = Fixed8.Parse("0.01");
        after.OnCatchUpTick(Ticks.At(-1_000, Ticks.Quote((Fixed8.Parse("120000") - cent).ToString(), (Fixed8.Parse("120000") + cent).ToString())));
        MarkAt(after, "95000", ms: 1);

        after.PeakEquity.Should().Be(100_000m, "an old price valued with today's position is not a peak that was");
        after.Halted.Should().BeFalse("95,000 is 5% below the real peak");
    }

    [Fact]
    public void A_restored_state_is_captured_again_unchanged()
    {
        RiskManager before = Gate(r => { r.MaxDrawdownPercent = 10; r.MaxOrdersPerMinute = 5; r.MaxConsecutiveLosses = 9; });
        MarkAt(before, "100000");
        Entry(before, id: 1, ms: 10).Should().Be(RejectReason.None);
        LosingTrade(before, 2);
        MarkAt(before, "89000", ms: 20);
        before.Halt("paused by dashboard");
        RiskState state = before.CaptureState();

        RiskManager after = Gate(r => { r.MaxDrawdownPercent = 10; r.MaxOrdersPerMinute = 5; r.MaxConsecutiveLosses = 9; });
        after.RestoreState(state);

        after.CaptureState().Should().BeEquivalentTo(state);
        state.Should().BeEquivalentTo(new
        {
            Halt = "paused by dashboard",
            Day = Events.T0 / 86_400_000_000_000L,
            DayStartEquity = 100_000m,
            PeakEquity = 100_000m,
            ConsecutiveLosses = 1,
            OrdersToday = 1,
        }, o => o.ExcludingMissingMembers());
    }
}
