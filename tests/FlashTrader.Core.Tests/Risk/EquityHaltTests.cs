using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Risk;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Risk;

/// <summary>The equity watcher: an account holding 1 BTC and no USDC, so equity is the BTC mark (the mid).</summary>
public sealed class EquityHaltTests
{
    private static RiskManager Watcher(double maxDrawdownPercent = 100, decimal dailyLossLimit = 1_000_000m)
    {
        InstrumentSet instruments = TestOptions.Instruments(TestOptions.Btc());
        var account = new TradingAccount(instruments, TestOptions.Balances(("USDC", 0m), ("BTC", 1m)));
        var risk = new RiskOptions { MaxDrawdownPercent = maxDrawdownPercent, DailyLossLimit = dailyLossLimit };
        return new RiskManager(instruments, new ExecutionOptions(), risk, account);
    }

    /// <summary>A tick whose mid (and so equity) is <paramref name="mid"/>, one cent either side.</summary>
    private static void MarkAt(RiskManager gate, string mid, double ms = 0)
    {
        Fixed8 m = Fixed8.Parse(mid);
        Fixed8 cent = Fixed8.Parse("0.01");
        gate.OnTick(Ticks.At(ms, Ticks.Quote((m - cent).ToString(), (m + cent).ToString())));
    }

    private static RejectReason Entry(RiskManager gate)
    {
        var intent = new OrderRequest(1, 0, Side.Buy, OrderType.Limit, TimeInForce.Ioc, Fixed8.Parse("90000"), Fixed8.Parse("0.01"),
            OrderPurpose.Entry, -1, 1, Events.At(0), 1, 0);
        gate.TryApprove(intent, Ticks.Quote("89999.99", "90000.01"), out _, out RejectReason reason);
        return reason;
    }

    [Fact]
    public void Halts_new_entries_when_equity_falls_the_max_drawdown_from_its_peak()
    {
        RiskManager gate = Watcher(maxDrawdownPercent: 10);
        MarkAt(gate, "95000");
        MarkAt(gate, "100000");

        MarkAt(gate, "90000.01");
        gate.Halted.Should().BeFalse("9.99999% is short of 10%");
        gate.MaxDrawdown.Should().Be(9_999.99m);

        MarkAt(gate, "90000");
        gate.Halted.Should().BeTrue();
        gate.HaltReason.Should().Be("max drawdown 10% reached");
        gate.MaxDrawdown.Should().Be(10_000m);
        gate.MaxDrawdownPercent.Should().Be(10);
        Entry(gate).Should().Be(RejectReason.TradingHalted);
    }

    [Fact]
    public void A_drawdown_halt_outlasts_a_recovery_and_a_new_day_until_resumed_by_hand()
    {
        RiskManager gate = Watcher(maxDrawdownPercent: 10);
        MarkAt(gate, "100000");
        MarkAt(gate, "90000");

        MarkAt(gate, "100000", ms: 1);
        MarkAt(gate, "100000", ms: 400_000);
        gate.Halted.Should().BeTrue();

        gate.Resume();
        gate.Halted.Should().BeFalse();
        Entry(gate).Should().Be(RejectReason.None);
    }

    [Fact]
    public void Halts_new_entries_when_the_days_loss_reaches_the_daily_limit()
    {
        RiskManager gate = Watcher(dailyLossLimit: 500m);
        MarkAt(gate, "100000");

        MarkAt(gate, "99500.01");
        gate.Halted.Should().BeFalse("the loss is 499.99");

        MarkAt(gate, "99500");
        gate.HaltReason.Should().Be("daily loss limit 500 reached");
        Entry(gate).Should().Be(RejectReason.TradingHalted);
    }

    [Fact]
    public void The_daily_loss_halt_clears_when_the_next_UTC_day_begins()
    {
        RiskManager gate = Watcher(dailyLossLimit: 500m);
        MarkAt(gate, "100000");
        MarkAt(gate, "99000");

        MarkAt(gate, "99000", ms: 346_999);
        gate.Halted.Should().BeTrue();

        // T0 is 23:54:13 UTC: 347 s later it is midnight, and the new day starts from 99,000.
        MarkAt(gate, "98600", ms: 347_000);
        gate.Halted.Should().BeFalse();
        Entry(gate).Should().Be(RejectReason.None);
        MarkAt(gate, "98100.01", ms: 347_001);
        gate.Halted.Should().BeFalse("the new day has lost 499.99 from 98,600");
        MarkAt(gate, "98100", ms: 347_002);
        gate.HaltReason.Should().Be("daily loss limit 500 reached");
    }

    [Fact]
    public void The_new_day_never_lifts_a_kill_switch_set_before_the_daily_loss_was_reached()
    {
        RiskManager gate = Watcher(dailyLossLimit: 500m);
        MarkAt(gate, "100000");
        gate.Halt("kill switch");
        MarkAt(gate, "99000");

        MarkAt(gate, "99000", ms: 347_000);

        gate.HaltReason.Should().Be("kill switch");
    }

    [Fact]
    public void The_new_day_never_lifts_a_drawdown_halt_even_when_the_daily_loss_was_reached_too()
    {
        RiskManager gate = Watcher(maxDrawdownPercent: 1, dailyLossLimit: 500m);
        MarkAt(gate, "100000");
        MarkAt(gate, "98500");
        gate.HaltReason.Should().Be("max drawdown 1% reached");

        MarkAt(gate, "99500", ms: 347_000);

        gate.HaltReason.Should().Be("max drawdown 1% reached", "equity is back within 1% of its peak, but only Resume lifts a drawdown halt");
    }

    [Fact]
    public void Equity_is_not_watched_until_the_held_BTC_has_a_mark()
    {
        RiskManager gate = Watcher(maxDrawdownPercent: 10);

        gate.OnTick(Ticks.At(0, Ticks.Quote("100000", "100000.02") with { Tradeable = false }));

        gate.MaxDrawdown.Should().Be(0);
        gate.Halted.Should().BeFalse();
    }

    [Fact]
    public void A_pair_without_market_data_does_not_switch_the_watcher_off_while_none_of_it_is_held()
    {
        // BTCUSDC and ETHUSDC are configured but only BTC trades (say, a BTC-only recording); no ETH is held.
        InstrumentSet instruments = TestOptions.Instruments(TestOptions.Btc(), TestOptions.Eth());
        var account = new TradingAccount(instruments, TestOptions.Balances(("USDC", 0m), ("BTC", 1m), ("ETH", 0m)));
        var gate = new RiskManager(instruments, new ExecutionOptions(), new RiskOptions { MaxDrawdownPercent = 10, DailyLossLimit = 1_000_000m }, account);

        MarkAt(gate, "100000");
        MarkAt(gate, "90000");

        gate.HaltReason.Should().Be("max drawdown 10% reached");
    }

    [Fact]
    public void Equity_is_not_watched_while_a_held_asset_has_no_mark()
    {
        InstrumentSet instruments = TestOptions.Instruments(TestOptions.Btc(), TestOptions.Eth());
        var account = new TradingAccount(instruments, TestOptions.Balances(("USDC", 0m), ("BTC", 1m), ("ETH", 2m)));
        var gate = new RiskManager(instruments, new ExecutionOptions(), new RiskOptions { MaxDrawdownPercent = 10, DailyLossLimit = 1_000_000m }, account);

        MarkAt(gate, "100000");
        MarkAt(gate, "90000");

        gate.Halted.Should().BeFalse("the 2 ETH cannot be valued, so neither can equity");
        gate.MaxDrawdown.Should().Be(0);
    }

    [Fact]
    public void Exits_pass_an_equity_halt()
    {
        RiskManager gate = Watcher(dailyLossLimit: 500m);
        MarkAt(gate, "100000");
        MarkAt(gate, "99000");
        var exit = new OrderRequest(2, 0, Side.Sell, OrderType.Market, TimeInForce.Ioc, default, Fixed8.One, OrderPurpose.StopLoss, -1, 1, Events.At(0), 1, 0);

        gate.TryApprove(exit, Ticks.Quote("98999.99", "99000.01"), out _, out RejectReason reason).Should().BeTrue();

        reason.Should().Be(RejectReason.None);
    }

    [Fact]
    public void Watching_equity_allocates_nothing_per_tick_even_while_halted()
    {
        RiskManager gate = Watcher(maxDrawdownPercent: 10, dailyLossLimit: 500m);
        MarkAt(gate, "100000");
        MarkAt(gate, "80000");
        gate.Halted.Should().BeTrue();
        MarketTick below = Ticks.At(1, Ticks.Quote("79999.99", "80000.01"));
        MarketTick above = Ticks.At(2, Ticks.Quote("99999.99", "100000.01"));
        gate.OnTick(below);
        gate.OnTick(above);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            gate.OnTick(below);
            gate.OnTick(above);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        gate.HaltReason.Should().Be("max drawdown 10% reached", "the first halt reason is kept");
    }
}
