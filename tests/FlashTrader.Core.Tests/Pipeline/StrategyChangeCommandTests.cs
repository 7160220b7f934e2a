using System.Text;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Control;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Sessions;
using FlashTrader.Core.Strategies;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Pipeline;

/// <summary>
/// Operator changes of a running JSON strategy, applied in-band between two events, on the market of
/// <see cref="ImbalanceBtc"/> with its built-in replaced by a JSON imbalance strategy: bids 7 against asks 1 (an
/// imbalance of 0.75) buy 0.020833 BTC when the strategy's threshold lets them.
/// </summary>
public sealed class StrategyChangeCommandTests
{
    private const string Bids = "7@60000";
    private const string Asks = "0.5@60000.01, 0.5@60000.02";

    private static string Definition(double threshold, string strength = "clamp((abs(imbalance) - threshold) / (1 - threshold), 0, 1)", string version = "1.0.0") => $$"""
        {
          "name": "imbalance-json", "version": "{{version}}",
          "parameters": { "threshold": {{threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}} },
          "buy": { "rules": ["imbalance > threshold"], "strength": "{{strength}}" },
          "sell": { "rules": ["imbalance < -threshold"], "strength": "{{strength}}" }
        }
        """;

    private static CompiledStrategy Compile(string json, string file = "imbalance-json.json") =>
        CompiledStrategy.Compile(StrategyJsonLoader.Load(Encoding.UTF8.GetBytes(json), file), SessionCalendar.Default);

    private static (TradingPipeline Pipeline, JsonSignalStrategy Strategy, StrategyCatalog Catalog) Pipeline(string json)
    {
        FlashTraderOptions options = ImbalanceBtc.Options();
        options.SignalGeneration.Strategies = [];
        options.Execution.EntryCooldownMs = 0;
        var catalog = new StrategyCatalog();
        var rules = new StrategyRuleBook();
        var strategy = new JsonSignalStrategy(Compile(json), ["BTCUSDC"], catalog, rules);
        return (new TradingPipeline(options, null, null, 1, [strategy], catalog, rules), strategy, catalog);
    }

    private static ControlCommand Change(JsonSignalStrategy strategy, StrategyChangeKind kind, CompiledStrategy? next = null) =>
        new(ControlAction.ChangeStrategy, "dashboard", Strategy: new StrategyChange(strategy, kind, next, "test"));

    [Fact]
    public void A_lowered_threshold_trades_from_the_next_event_and_its_fills_name_the_new_version()
    {
        (TradingPipeline pipeline, JsonSignalStrategy strategy, StrategyCatalog catalog) = Pipeline(Definition(0.8));
        pipeline.Process(Events.Snapshot(100, bids: Bids, asks: Asks), 0);
        pipeline.Drain().Should().BeEmpty("0.75 is below the 0.8 threshold");
        int first = strategy.LatestId;

        pipeline.Control(Change(strategy, StrategyChangeKind.NewVersion, Compile(Definition(0.5, version: "1.0.0+runtime.1"))));
        pipeline.Process(Events.Diff(101, 101, bids: Bids, atMs: 1), 0);

        ExecutionReport fill = pipeline.Drain().Should().ContainSingle().Subject;
        fill.Status.Should().Be(OrderStatus.Filled);
        fill.LastQuantity.Should().Be(Fixed8.Parse("0.020833"));
        fill.StrategyId.Should().Be(strategy.LatestId).And.NotBe(first);
        catalog[fill.StrategyId].Version.Should().Be("1.0.0+runtime.1");
        catalog[fill.StrategyId].Hash.Should().NotBe(catalog[first].Hash);
    }

    [Fact]
    public void A_disabled_strategy_does_not_trade_until_enabled_again()
    {
        (TradingPipeline pipeline, JsonSignalStrategy strategy, _) = Pipeline(Definition(0.5));
        pipeline.Control(Change(strategy, StrategyChangeKind.Disable));
        pipeline.Process(Events.Snapshot(100, bids: Bids, asks: Asks), 0);
        pipeline.Drain().Should().BeEmpty();
        strategy.Enabled.Should().BeFalse();

        pipeline.Control(Change(strategy, StrategyChangeKind.Enable));
        pipeline.Process(Events.Diff(101, 101, bids: Bids, atMs: 1), 0);

        pipeline.Drain().Should().ContainSingle(r => r.Status == OrderStatus.Filled && r.StrategyId == strategy.LatestId);
    }

    [Fact]
    public void Signals_of_the_replaced_version_still_in_the_window_no_longer_count()
    {
        // Each version signals 0.3 on its own, below the 0.5 entry score: only the two together would buy.
        (TradingPipeline pipeline, JsonSignalStrategy strategy, _) = Pipeline(Definition(0.5, "0.3"));
        pipeline.Process(Events.Snapshot(100, bids: Bids, asks: Asks), 0);
        pipeline.Drain().Should().BeEmpty();
        pipeline.Decision.Engine.Score(0).Should().Be(0.3);

        pipeline.Control(Change(strategy, StrategyChangeKind.NewVersion, Compile(Definition(0.4, "0.3", "2.0.0"))));
        pipeline.Decision.Engine.Score(0).Should().Be(0, "the replaced version's signal left the window");
        pipeline.Process(Events.Diff(101, 101, bids: Bids, atMs: 1), 0);

        pipeline.Drain().Should().BeEmpty();
        pipeline.Decision.Engine.Score(0).Should().Be(0.3);
    }

    [Fact]
    public void A_version_switched_back_to_trades_again_under_its_first_id()
    {
        (TradingPipeline pipeline, JsonSignalStrategy strategy, _) = Pipeline(Definition(0.5));
        int first = strategy.LatestId;
        pipeline.Control(Change(strategy, StrategyChangeKind.NewVersion, Compile(Definition(0.9, version: "2.0.0"))));
        pipeline.Control(Change(strategy, StrategyChangeKind.NewVersion, Compile(Definition(0.5))));

        pipeline.Process(Events.Snapshot(100, bids: Bids, asks: Asks), 0);

        strategy.LatestId.Should().Be(first, "same name, version and content: the same catalog id");
        pipeline.Drain().Should().ContainSingle(r => r.Status == OrderStatus.Filled && r.StrategyId == first);
    }
}
