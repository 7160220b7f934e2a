using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using FlashTrader.Storage.Recording;
using Microsoft.Extensions.Configuration;

namespace FlashTrader.Benchmarks;

/// <summary>
/// The five stage classes driven directly (TradingPipeline, no channels, no threads) over the bundled sample:
/// 179,318 real BTC/ETH events held in memory, default configuration (it trades: 490 orders, 299 fills).
/// <see cref="FreshPipeline"/> includes the books growing to size; <see cref="WarmPipeline"/> replays the sample into a
/// pipeline that has already seen it once (the steady state: its bytes/event is the allocation target).
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int EventCount = 179_318;
    private MarketEvent[] _events = [];
    private FlashTraderOptions _options = new();
    private TradingPipeline? _warm;

    [GlobalSetup]
    public void Setup()
    {
        string root = RepositoryRoot();
        _options = new FlashTraderOptions();
        new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "config", "appsettings.json")).Build().Bind(_options);
        _options.PaperTrading.PersistState = false;
        var events = new List<MarketEvent>(EventCount);
        using RecordingReader reader = RecordingReader.Open(Path.Combine(root, "samples", "binance-btc-eth-2024-08-08.ftrec"));
        while (reader.TryRead(out MarketEvent ev))
        {
            if (ev.HasLevels)
            {
                var copy = new DepthLevels(Math.Max(ev.Levels.BidCount, ev.Levels.AskCount));
                copy.CopyFrom(ev.Levels);
                events.Add(ev.With(ev.SymbolId, copy));
            }
            else
            {
                events.Add(ev);
            }
        }

        _events = [.. events];
        if (_events.Length != EventCount)
        {
            throw new InvalidOperationException($"sample has {_events.Length} events, expected {EventCount}");
        }
    }

    [IterationSetup(Target = nameof(WarmPipeline))]
    public void WarmUp()
    {
        _warm = new TradingPipeline(_options);
        Run(_warm);
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long FreshPipeline()
    {
        var pipeline = new TradingPipeline(_options);
        Run(pipeline);
        return pipeline.Exchange.Exchange.FillCount;
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long WarmPipeline()
    {
        Run(_warm!);
        return _warm!.Exchange.Exchange.FillCount;
    }

    private void Run(TradingPipeline pipeline)
    {
        foreach (MarketEvent ev in _events)
        {
            pipeline.Process(ev, 0);
        }
    }

    internal static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlashTrader.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"FlashTrader.sln not found above {AppContext.BaseDirectory}");
    }
}
