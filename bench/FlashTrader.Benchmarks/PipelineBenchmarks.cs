using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using Microsoft.Extensions.Configuration;

namespace FlashTrader.Benchmarks;

/// <summary>
/// The five stage classes driven directly (TradingPipeline, no channels, no threads) over the bundled sample:
/// 179,318 real BTC/ETH events held in memory, default configuration (it trades: 320 orders, 293 fills).
/// <see cref="FreshPipeline"/> is a new pipeline in a process that has not run one, so its books allocate their
/// ladders on first use. <see cref="WarmPipeline"/> is a new pipeline over the same sample in a process that has: the
/// previous run released its books, so the ladders come from the pool and nothing grows; what it measures is what
/// every backtest trial after the first pays for the stages. A continued pipeline is not measured: the sample replayed
/// again over its own end-of-day book, without the snapshots, leaves the book crossed on most ticks (little is
/// computed), and with them first the continued account decides on most ticks; neither is a market a run sees.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int EventCount = 179_318;
    private MarketEvent[] _events = [];
    private FlashTraderOptions _options = new();

    [GlobalSetup]
    public void Setup()
    {
        string root = BenchData.RepositoryRoot();
        _options = new FlashTraderOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "config", "appsettings.json")).Build().Bind(_options);
        _options.PaperTrading.PersistState = false;
        List<MarketEvent> events = BenchData.LoadSample();
        _events = [.. events];
        if (_events.Length != EventCount)
        {
            throw new InvalidOperationException($"sample has {_events.Length} events, expected {EventCount}");
        }
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long FreshPipeline()
    {
        // The books keep their ladders: each invocation's first use allocates them, as a process's first run does.
        var pipeline = new TradingPipeline(_options);
        Run(pipeline, _events);
        return pipeline.Exchange.Exchange.FillCount;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long WarmPipeline()
    {
        var pipeline = new TradingPipeline(_options);
        Run(pipeline, _events);
        long fills = pipeline.Exchange.Exchange.FillCount;
        // As a finished backtest does: the next run's books take these ladders.
        pipeline.MarketState.ReleaseBooks();
        return fills;
    }

    private static void Run(TradingPipeline pipeline, MarketEvent[] events)
    {
        foreach (ref readonly MarketEvent ev in events.AsSpan())
        {
            pipeline.Process(ev, 0);
        }
    }
}
