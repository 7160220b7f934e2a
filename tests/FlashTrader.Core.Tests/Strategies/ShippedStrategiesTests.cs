using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Sessions;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Strategies;
using FlashTrader.Core.Tests.Builders;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Strategies;

/// <summary>The strategies shipped in config/strategies, on the bundled real sample.</summary>
public sealed class ShippedStrategiesTests
{
    private static readonly Lazy<IReadOnlyList<MarketEvent>> Sample = new(() => SampleRecording.Load(new InstrumentSet(SampleOptions.Create().TradingPairs)));

    private static CompiledStrategy Shipped(string file)
    {
        string path = Path.Combine(RepositoryFolder.Find("config", "strategies"), file);
        return CompiledStrategy.Compile(StrategyJsonLoader.Load(File.ReadAllBytes(path), path), SessionCalendar.Default);
    }

    private static (TradingPipeline Pipeline, List<ExecutionReport> Fills) Replay(FlashTraderOptions options, IEnumerable<ISignalStrategy>? extra = null, StrategyCatalog? catalog = null)
    {
        var pipeline = new TradingPipeline(options, extraStrategies: extra, catalog: catalog);
        var fills = new List<ExecutionReport>();
        foreach (MarketEvent ev in Sample.Value)
        {
            pipeline.Process(ev, 0);
            fills.AddRange(pipeline.Exchange.Journal.Where(r => r.IsFill));
        }

        return (pipeline, fills);
    }

    [Theory]
    [InlineData("imbalance.json")]
    [InlineData("momentum.json")]
    [InlineData("volatility.json")]
    [InlineData("momentum-1m.json")]
    [InlineData("trend-15m.json")]
    [InlineData("mean-reversion.json")]
    [InlineData("volume-breakout.json")]
    public void Every_shipped_strategy_loads_and_compiles(string file)
    {
        CompiledStrategy s = Shipped(file);

        s.Definition.Name.Should().Be(Path.GetFileNameWithoutExtension(file));
        s.Definition.Version.Should().Be("1.0.0");
        (s.BuyRules.Count + s.SellRules.Count).Should().BePositive();
    }

    [Fact]
    public void The_built_ins_re_expressed_as_json_give_the_same_signals_and_fills()
    {
        (TradingPipeline builtIn, List<ExecutionReport> builtInFills) = Replay(SampleOptions.Create());
        FlashTraderOptions jsonOnly = SampleOptions.Create();
        jsonOnly.SignalGeneration.Strategies = [];
        var catalog = new StrategyCatalog();
        string[] symbols = [.. builtIn.Instruments.All.Select(i => i.Symbol)];
        JsonSignalStrategy[] json = [.. new[] { "imbalance.json", "momentum.json", "volatility.json" }.Select(f => new JsonSignalStrategy(Shipped(f), symbols, catalog))];

        (TradingPipeline fromJson, List<ExecutionReport> jsonFills) = Replay(jsonOnly, json, catalog);

        fromJson.Signals.StrategyNames.Should().Equal(builtIn.Signals.StrategyNames);
        fromJson.Signals.Signals.Should().Be(builtIn.Signals.Signals).And.Be(18_596);
        for (int source = 0; source < 3; source++)
        {
            fromJson.Signals.SignalsFrom(source).Should().Be(builtIn.Signals.SignalsFrom(source), $"strategy {builtIn.Signals.StrategyNames[source]}");
        }

        builtInFills.Should().HaveCount(293);
        jsonFills.Select(f => f with { StrategyId = 0 }).Should().Equal(builtInFills.Select(f => f with { StrategyId = 0 }));
        fromJson.Exchange.Exchange.Equity.Should().Be(builtIn.Exchange.Exchange.Equity);
    }

    [Fact]
    public void Fills_record_the_strategy_behind_them()
    {
        var catalog = new StrategyCatalog();
        FlashTraderOptions jsonOnly = SampleOptions.Create();
        jsonOnly.SignalGeneration.Strategies = [];
        string[] symbols = [.. jsonOnly.TradingPairs.Select(p => p.Symbol)];
        JsonSignalStrategy imbalance = new(Shipped("imbalance.json"), symbols, catalog);

        (_, List<ExecutionReport> fills) = Replay(jsonOnly, [imbalance], catalog);

        fills.Should().NotBeEmpty();
        fills.Should().OnlyContain(f => f.StrategyId == imbalance.StrategyId);
        catalog[imbalance.StrategyId].Should().Be(new StrategyIdentity(imbalance.StrategyId, "imbalance", "1.0.0", imbalance.Compiled.Definition.ContentHash));
    }

    [Fact]
    public void The_built_ins_are_identified_by_name_and_threshold()
    {
        var generator = new SignalGenerator(2, new SignalGenerationOptions());

        generator.Catalog.All.Select(s => (s.Name, s.Version)).Should().Equal(("imbalance", "builtin"), ("momentum", "builtin"), ("volatility", "builtin"));
        new SignalGenerator(2, new SignalGenerationOptions { ImbalanceThreshold = 0.3 }).Catalog[1].Hash.Should().NotBe(generator.Catalog[1].Hash);
    }
}
