using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Market;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Benchmarks;

/// <summary>Order-book maintenance alone: every snapshot and diff of the sample applied to two books (per level changed).</summary>
[MemoryDiagnoser]
public class OrderBookBenchmarks
{
    private const int LevelCount = 574_875;
    private MarketEvent[] _depth = [];

    [GlobalSetup]
    public void Setup()
    {
        var events = new List<MarketEvent>();
        using RecordingReader reader = RecordingReader.Open(Path.Combine(PipelineBenchmarks.RepositoryRoot(), "samples", "binance-btc-eth-2024-08-08.ftrec"));
        while (reader.TryRead(out MarketEvent ev))
        {
            if (ev.HasLevels)
            {
                var copy = new DepthLevels(Math.Max(ev.Levels.BidCount, ev.Levels.AskCount));
                copy.CopyFrom(ev.Levels);
                events.Add(ev.With(ev.SymbolId, copy));
            }
        }

        _depth = [.. events];
        long levels = _depth.Sum(e => (long)e.Levels.BidCount + e.Levels.AskCount);
        if (levels != LevelCount)
        {
            throw new InvalidOperationException($"sample has {levels} depth levels, expected {LevelCount}");
        }
    }

    [Benchmark(OperationsPerInvoke = LevelCount)]
    public long ApplyAllDepth()
    {
        var books = new[] { new OrderBook("BTCUSDC"), new OrderBook("ETHUSDC") };
        foreach (MarketEvent ev in _depth)
        {
            OrderBook book = books[ev.SymbolId];
            if (ev.Kind == MarketEventKind.DepthSnapshot)
            {
                book.ApplySnapshot(ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
            }
            else
            {
                book.ApplyDiff(ev.FirstUpdateId, ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
            }
        }

        return books[0].BidCount + books[1].AskCount;
    }
}
