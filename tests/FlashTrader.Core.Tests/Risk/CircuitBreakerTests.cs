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
/// Breakers beyond drawdown and daily loss (see <see cref="EquityHaltTests"/>): each trips with a recorded reason, halts
/// entries, lets exits through, and resets by its rule or by hand. BTCUSDC and ETHUSDC, 10,000 USDC.
/// </summary>
public sealed class CircuitBreakerTests
{
    private static readonly MarketFeatures Btc = Ticks.Quote(bid: "60000", ask: "60000.01");
    private static readonly MarketFeatures Eth = Ticks.Quote(bid: "2000", ask: "2000.01");

    private static RiskManager Gate(Action<RiskOptions> risk)
    {
        var options = new RiskOptions { MaxDrawdownPercent = 100, DailyLossLimit = 1_000_000m };
        risk(options);
        InstrumentSet instruments = TestOptions.Instruments(TestOptions.Btc(), TestOptions.Eth());
        var account = new TradingAccount(instruments, TestOptions.Balances(("USDC", 10_000m), ("BTC", 0m), ("ETH", 0m)));
        return new RiskManager(instruments, new ExecutionOptions(), options, account);
    }

    private static RejectReason Entry(RiskManager gate, long id = 100)
    {
        var intent = new OrderRequest(id, 0, Side.Buy, OrderType.Limit, TimeInForce.Ioc, Fixed8.Parse("60000.01"), Fixed8.Parse("0.001"),
            OrderPurpose.Entry, -1, 1, Events.At(0), 1, 0);
        bool approved = gate.TryApprove(intent, Btc, out _, out RejectReason reason);
        if (approved)
        {
            gate.OnReport(Report(intent, OrderStatus.Canceled, default, default, 0));
        }

        return reason;
    }

    private static ExecutionReport Report(in OrderRequest o, OrderStatus status, Fixed8 price, Fixed8 quantity, long fillId, double ms = 0,
        RejectReason reason = RejectReason.None) =>
        new(o.OrderId, o.SymbolId, o.Side, status, o.Purpose, reason, fillId, price, quantity, 0m, fillId > 0 ? Liquidity.Taker : Liquidity.None,
            quantity, o.Quantity, Events.At(ms), 1);

    /// <summary>Buys 0.01 BTC at <paramref name="buy"/> and sells it at <paramref name="sell"/>: one closed trade.</summary>
    private static void RoundTrip(RiskManager gate, string buy, string sell, long id, double ms = 0)
    {
        Fixed8 quantity = Fixed8.Parse("0.01");
        var entry = new OrderRequest(id, 0, Side.Buy, OrderType.Limit, TimeInForce.Ioc, Fixed8.Parse(buy), quantity, OrderPurpose.Entry, -1, 1, Events.At(ms), 1, 0);
        gate.Account.OnOrderSent(entry);
        gate.OnReport(Report(entry, OrderStatus.Filled, Fixed8.Parse(buy), quantity, id, ms));
        var exit = entry with { OrderId = id + 1, Side = Side.Sell, Price = Fixed8.Parse(sell), Purpose = OrderPurpose.TakeProfit };
        gate.Account.OnOrderSent(exit);
        gate.OnReport(Report(exit, OrderStatus.Filled, Fixed8.Parse(sell), quantity, id + 1, ms));
    }

    private static ExecutionReport Rejection(long id, double ms, RejectReason reason = RejectReason.InsufficientBalance)
    {
        var o = new OrderRequest(id, 0, Side.Buy, OrderType.Limit, TimeInForce.Ioc, Fixed8.One, Fixed8.One, OrderPurpose.Entry, -1, 1, Events.At(ms), 1, 0);
        return Report(o, OrderStatus.Rejected, default, default, 0, ms, reason);
    }

    [Fact]
    public void Consecutive_losses_trip_after_N_losing_trades_in_a_row_a_win_restarts_the_count()
    {
        RiskManager gate = Gate(r => r.MaxConsecutiveLosses = 2);

        RoundTrip(gate, "60000", "59990", id: 1);
        RoundTrip(gate, "60000", "60010", id: 3);
        RoundTrip(gate, "60000", "59990", id: 5);
        gate.Halted.Should().BeFalse("the win in between restarted the streak");

        RoundTrip(gate, "60000", "59999.99", id: 7);

        gate.HaltReason.Should().Be("2 consecutive losing trades");
        gate.IsTripped(CircuitBreaker.ConsecutiveLosses).Should().BeTrue();
        gate.Trips.Should().ContainSingle().Which.Should().Be(new BreakerTrip(CircuitBreaker.ConsecutiveLosses, "2 consecutive losing trades", Events.At(0)));
        gate.Account.ClosedTrades.Should().Match<ClosedTrades>(t => t.Wins == 1 && t.Losses == 3 && t.GrossLoss == 0.2001m && t.GrossProfit == 0.1m);
        Entry(gate).Should().Be(RejectReason.TradingHalted);
    }

    [Fact]
    public void The_loss_streak_breaker_resets_after_its_cooldown_in_event_time()
    {
        RiskManager gate = Gate(r =>
        {
            r.MaxConsecutiveLosses = 1;
            r.ConsecutiveLossCooldownMs = 60_000;
        });
        gate.OnTick(Ticks.At(0, Btc));
        RoundTrip(gate, "60000", "59990", id: 1, ms: 1_000);
        gate.Halted.Should().BeTrue();

        gate.OnTick(Ticks.At(60_999, Btc));
        gate.Halted.Should().BeTrue();
        gate.OnTick(Ticks.At(61_000, Btc));
        gate.Halted.Should().BeFalse("a minute of event time has passed since the losing trade");
        Entry(gate).Should().Be(RejectReason.None);
    }

    [Fact]
    public void Without_a_cooldown_only_a_reset_by_hand_lifts_a_breaker_and_the_reset_leaves_an_operators_pause()
    {
        RiskManager gate = Gate(r => r.MaxConsecutiveLosses = 1);
        RoundTrip(gate, "60000", "59990", id: 1);
        gate.OnTick(Ticks.At(86_400_000, Btc));
        gate.Halted.Should().BeTrue("a day later it still holds");

        gate.Halt("paused by dashboard");
        gate.ResetBreakers();

        gate.IsTripped(CircuitBreaker.ConsecutiveLosses).Should().BeFalse();
        gate.HaltReason.Should().Be("paused by dashboard");
        gate.Resume();
        Entry(gate).Should().Be(RejectReason.None);
    }

    [Fact]
    public void Stale_market_data_trips_when_a_pair_falls_silent_in_event_time_and_clears_when_it_speaks_again()
    {
        RiskManager gate = Gate(r => r.StaleDataMs = 5_000);
        gate.OnTick(Ticks.At(0, Btc, symbol: 0));
        gate.OnTick(Ticks.At(0, Eth, symbol: 1));

        gate.OnTick(Ticks.At(5_000, Eth, symbol: 1));
        gate.Halted.Should().BeFalse("5,000 ms is the limit, not beyond it");
        gate.OnTick(Ticks.At(5_001, Eth, symbol: 1));
        gate.HaltReason.Should().Be("stale market data: BTCUSDC silent for 5001 ms (limit 5000 ms)");
        Entry(gate).Should().Be(RejectReason.TradingHalted);

        gate.OnTick(Ticks.At(5_002, Btc, symbol: 0));
        gate.Halted.Should().BeFalse();
        gate.Trips.Should().ContainSingle(t => t.Breaker == CircuitBreaker.StaleMarketData && t.TimeNs == Events.At(5_001));
    }

    [Fact]
    public void A_pair_that_never_had_data_is_not_stale()
    {
        RiskManager gate = Gate(r => r.StaleDataMs = 5_000);

        gate.OnTick(Ticks.At(0, Btc, symbol: 0));
        gate.OnTick(Ticks.At(60_000, Btc, symbol: 0));

        gate.Halted.Should().BeFalse();
    }

    [Fact]
    public void Watching_staleness_allocates_nothing_per_tick()
    {
        RiskManager gate = Gate(r => r.StaleDataMs = 5_000);
        MarketTick btc = Ticks.At(0, Btc, symbol: 0);
        MarketTick eth = Ticks.At(0, Eth, symbol: 1);
        gate.OnTick(btc);
        gate.OnTick(eth);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            gate.OnTick(btc);
            gate.OnTick(eth);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Fact]
    public void Too_many_rejections_within_the_window_trip_and_the_halts_own_refusals_do_not_count()
    {
        RiskManager gate = Gate(r =>
        {
            r.MaxRejections = 3;
            r.RejectionWindowMs = 1_000;
            r.RejectionCooldownMs = 10_000;
        });

        gate.OnReport(Rejection(1, 0));
        gate.OnReport(Rejection(2, 500));
        gate.OnReport(Rejection(3, 1_001));
        gate.Halted.Should().BeFalse("the three span 1,001 ms");
        gate.OnReport(Rejection(4, 1_001, RejectReason.TradingHalted));
        gate.Halted.Should().BeFalse("a halt's refusal is not counted");

        gate.OnReport(Rejection(5, 1_500));

        gate.HaltReason.Should().Be("3 rejections within 1000 ms");
        gate.OnTick(Ticks.At(11_499, Btc));
        gate.Halted.Should().BeTrue();
        gate.OnTick(Ticks.At(11_500, Btc));
        gate.Halted.Should().BeFalse("the 10 s cooldown has passed");
    }

    [Fact]
    public void A_tripped_breaker_asks_for_a_flatten_once_when_configured()
    {
        RiskManager gate = Gate(r =>
        {
            r.MaxConsecutiveLosses = 1;
            r.FlattenOnBreaker = true;
        });

        RoundTrip(gate, "60000", "59990", id: 1);

        gate.TakeFlattenRequest(out string reason).Should().BeTrue();
        reason.Should().Be("breaker: 1 consecutive losing trades");
        gate.TakeFlattenRequest(out _).Should().BeFalse();
    }

    [Fact]
    public void No_flatten_is_asked_unless_configured()
    {
        RiskManager gate = Gate(r => r.MaxConsecutiveLosses = 1);

        RoundTrip(gate, "60000", "59990", id: 1);

        gate.Halted.Should().BeTrue();
        gate.TakeFlattenRequest(out _).Should().BeFalse();
    }
}
