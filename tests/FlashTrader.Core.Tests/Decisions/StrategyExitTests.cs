using System.Text;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Decisions;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;
using FlashTrader.Core.Sessions;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Strategies;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Decisions;

/// <summary>
/// A JSON strategy's exits and sizing in the DecisionEngine: BTCUSDC, 10,000 USDC, Execution defaults (take-profit 20
/// bps, stop-loss 10 bps, 25 % sizing) where the strategy sets nothing. The clock of <see cref="Events"/> starts at
/// 2024-08-08 23:54:13 UTC.
/// </summary>
public sealed class StrategyExitTests
{
    /// <summary>Milliseconds from the builders' T0 to 2024-08-09 13:00:00 UTC, where US joins Europe.</summary>
    private const double UsOpensMs = 47_147_000;

    private static (DecisionEngine Engine, int StrategyId) Engine(string exitsAndSizing, bool reapply = false)
    {
        string json = $$"""{ "name": "x", "version": "1", "buy": { "rules": "imbalance > 0" }, {{exitsAndSizing}} }""";
        CompiledStrategy s = CompiledStrategy.Compile(StrategyJsonLoader.Load(Encoding.UTF8.GetBytes(json), "x.json"), SessionCalendar.Default);
        var rules = new StrategyRuleBook();
        int id = new JsonSignalStrategy(s, ["BTCUSDC"], new StrategyCatalog(), rules).StrategyId;
        InstrumentSet instruments = TestOptions.Instruments(TestOptions.Btc());
        var account = new TradingAccount(instruments, TestOptions.Balances(("USDC", 10_000m), ("BTC", 0m)));
        return (new DecisionEngine(instruments, new ExecutionOptions(), account, 1, rules, reapply), id);
    }

    private static MarketFeatures Bid(string bid) => Ticks.Quote(bid, (decimal.Parse(bid, System.Globalization.CultureInfo.InvariantCulture) + 0.01m).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Enters on a full-strength buy signal of the strategy at <paramref name="ms"/> and fills it at 60,000.</summary>
    private static OrderRequest Enter(DecisionEngine engine, int strategyId, double ms = 0)
    {
        var signals = default(SignalSet);
        signals.TryAdd(new Signal(0, Side.Buy, 0, 1, default, Events.At(ms), Events.At(ms)) { StrategyId = strategyId });
        engine.TryDecide(Ticks.At(ms, Bid("60000")), signals, out OrderRequest entry).Should().BeTrue();
        engine.OnReport(new ExecutionReport(entry.OrderId, 0, Side.Buy, OrderStatus.Filled, OrderPurpose.Entry, RejectReason.None, 1, Fixed8.Parse("60000"),
            entry.Quantity, 0m, Liquidity.Taker, entry.Quantity, entry.Quantity, Events.At(ms), 0));
        return entry;
    }

    private static bool Exit(DecisionEngine engine, double ms, string bid, out OrderRequest exit) =>
        engine.TryDecide(Ticks.At(ms, Bid(bid)), default, out exit);

    [Fact]
    public void Sizing_uses_the_strategys_fraction_and_the_entry_carries_its_id()
    {
        (DecisionEngine engine, int id) = Engine("\"sizing\": { \"fraction\": 0.1 }");

        OrderRequest entry = Enter(engine, id);

        entry.Quantity.Should().Be(Fixed8.Parse("0.016666"), "10,000 × 0.1 / 60,000.01, truncated to 6 decimals");
        entry.StrategyId.Should().Be(id);
    }

    [Fact]
    public void Take_profit_and_stop_loss_come_from_the_strategy()
    {
        (DecisionEngine engine, int id) = Engine("\"exits\": { \"takeProfitBps\": 5, \"stopLossBps\": 50 }");
        Enter(engine, id);

        Exit(engine, 6_000, "60029.99", out _).Should().BeFalse();
        Exit(engine, 6_001, "59940", out _).Should().BeFalse("the default 10 bps stop no longer applies");
        Exit(engine, 6_002, "60030", out OrderRequest exit).Should().BeTrue();
        (exit.Purpose, exit.StrategyId).Should().Be((OrderPurpose.TakeProfit, id));
    }

    [Fact]
    public void A_trailing_stop_follows_the_best_bid_since_entry()
    {
        (DecisionEngine engine, int id) = Engine("\"exits\": { \"takeProfitBps\": 100, \"trailingStopBps\": 10 }");
        Enter(engine, id);

        Exit(engine, 1_000, "60050", out _).Should().BeFalse();  // new high: trail at 60050 × 0.999 = 59989.95
        Exit(engine, 1_001, "59990", out _).Should().BeFalse();
        Exit(engine, 1_002, "59989.95", out OrderRequest exit).Should().BeTrue();
        (exit.Purpose, exit.Type).Should().Be((OrderPurpose.TrailingStop, OrderType.Market));
    }

    [Fact]
    public void A_time_stop_exits_exactly_when_the_time_is_up()
    {
        (DecisionEngine engine, int id) = Engine("\"exits\": { \"timeStopMs\": 60000 }");
        Enter(engine, id, ms: 1_000);

        Exit(engine, 60_999.999, "60001", out _).Should().BeFalse();
        Exit(engine, 61_000, "60001", out OrderRequest exit).Should().BeTrue();
        (exit.Purpose, exit.Type, exit.Price).Should().Be((OrderPurpose.TimeStop, OrderType.Limit, Fixed8.Parse("60001")));
    }

    [Fact]
    public void An_open_position_keeps_its_entrys_exits_across_a_session_boundary()
    {
        const string exits = "\"exits\": { \"takeProfitBps\": 50 }, \"sessions\": { \"us\": { \"exits\": { \"takeProfitBps\": 5 } } }";
        (DecisionEngine engine, int id) = Engine(exits);
        Enter(engine, id, ms: UsOpensMs - 1_000); // 12:59:59, Europe only: take profit 50 bps

        Exit(engine, UsOpensMs, "60030", out _).Should().BeFalse("the position keeps the 50 bps it was entered with");
        Exit(engine, UsOpensMs + 1, "60300", out OrderRequest exit).Should().BeTrue();
        exit.Purpose.Should().Be(OrderPurpose.TakeProfit);
    }

    [Fact]
    public void Configured_to_reapply_the_exits_follow_the_current_session()
    {
        const string exits = "\"exits\": { \"takeProfitBps\": 50 }, \"sessions\": { \"us\": { \"exits\": { \"takeProfitBps\": 5 } } }";
        (DecisionEngine engine, int id) = Engine(exits, reapply: true);
        Enter(engine, id, ms: UsOpensMs - 1_000);

        Exit(engine, UsOpensMs - 1, "60030", out _).Should().BeFalse("12:59:59.999 is still Europe only");
        Exit(engine, UsOpensMs, "60030", out OrderRequest exit).Should().BeTrue("from 13:00 the US override's 5 bps applies");
        exit.Purpose.Should().Be(OrderPurpose.TakeProfit);
    }
}
