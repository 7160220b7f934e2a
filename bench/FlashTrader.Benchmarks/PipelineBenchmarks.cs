using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using Microsoft.Extensions.Configuration;

namespace FlashTrader.Benchmarks;

/// <summary>
/// The five stage classes driven directly (TradingPipeline, no channels, no threads) over the bundled sample:
/// 179,318 real BTC/ETH events held in memory, default configuration (it trades: 320 orders, 293 fills).
/// <see cref="FreshPipeline"/> includes the books growing to size; <see cref="WarmPipeline"/> continues the market
/// (the sample shifted forward in time and update ids, snapshots dropped) in a pipeline that has already traded it
/// twice over: the steady state, whose bytes/event is the allocation target.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int EventCount = 179_318;
    private const int ContinuationCount = 179_316;
    private MarketEvent[] _events = [];
    private MarketEvent[][] _continuations = [];
    private FlashTraderOptions _options = new();
    private TradingPipeline? _warm;

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

        _continuations = [.. Enumerable.Range(1, 3).Select(Continue)];
    }

    [IterationSetup(Target = nameof(WarmPipeline))]
    public void WarmUp()
    {
        _warm = new TradingPipeline(_options);
        Run(_warm, _events);
        Run(_warm, _continuations[0]);
        Run(_warm, _continuations[1]);
    }

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long FreshPipeline()
    {
        var pipeline = new TradingPipeline(_options);
        Run(pipeline, _events);
        return pipeline.Exchange.Exchange.FillCount;
    }

    [Benchmark(OperationsPerInvoke = ContinuationCount)]
    public long WarmPipeline()
    {
        Run(_warm!, _continuations[2]);
        return _warm!.Exchange.Exchange.FillCount;
    }

    private static void Run(TradingPipeline pipeline, MarketEvent[] events)
    {
        foreach (MarketEvent ev in events)
        {
            pipeline.Process(ev, 0);
        }
    }

    /// <summary>The sample moved <paramref name="pass"/> spans later, update ids continued, snapshots dropped.</summary>
    private MarketEvent[] Continue(int pass)
    {
        long span = (_events.Max(e => e.ExchangeTimeNs) - _events.Min(e => e.ExchangeTimeNs) + 1_000_000_000L) * pass;
        var ids = _events.Where(e => e.Kind == MarketEventKind.DepthDiff).GroupBy(e => e.SymbolId)
            .ToDictionary(g => g.Key, g => (g.Last().LastUpdateId - g.First().FirstUpdateId + 1) * pass);
        return [.. _events.Where(e => e.Kind != MarketEventKind.DepthSnapshot).Select(e => e.Kind switch
        {
            MarketEventKind.DepthDiff => MarketEvent.DepthDiff(e.SymbolId, e.ExchangeTimeNs + span, e.LocalTimeNs + span, e.FirstUpdateId + ids[e.SymbolId], e.LastUpdateId + ids[e.SymbolId], e.Levels),
            MarketEventKind.Trade => MarketEvent.Trade(e.SymbolId, e.ExchangeTimeNs + span, e.LocalTimeNs + span, e.Price, e.Quantity, e.Side, e.TradeId),
            _ => MarketEvent.BookTicker(e.SymbolId, e.ExchangeTimeNs + span, e.LocalTimeNs + span, e.BidPrice, e.BidQuantity, e.AskPrice, e.AskQuantity, e.UpdateId + ids.GetValueOrDefault(e.SymbolId)),
        })];
    }
}
