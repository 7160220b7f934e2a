using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Market;

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
        List<MarketEvent> events = BenchData.LoadSample(e => e.HasLevels);
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
