using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Market;

namespace FlashTrader.Benchmarks;

/// <summary>
/// Order-book maintenance alone, per level changed: every snapshot and diff of the sample applied to two new books
/// (<see cref="ApplyAllDepth"/>, ladders allocated as they fill), or to four book sides that have already seen the
/// sample (<see cref="WarmSides"/>: the steady state, no allocation).
/// </summary>
[MemoryDiagnoser]
public class OrderBookBenchmarks
{
    private const int LevelCount = 574_875;
    private MarketEvent[] _depth = [];
    private readonly BookSide[] _sides = [new(bids: true), new(bids: false), new(bids: true), new(bids: false)];

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

        WarmSides();
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

    [Benchmark(OperationsPerInvoke = LevelCount)]
    public int WarmSides()
    {
        BookSide[] sides = _sides;
        foreach (MarketEvent ev in _depth)
        {
            BookSide bids = sides[ev.SymbolId * 2];
            BookSide asks = sides[(ev.SymbolId * 2) + 1];
            if (ev.Kind == MarketEventKind.DepthSnapshot)
            {
                bids.Load(ev.Levels.Bids);
                asks.Load(ev.Levels.Asks);
                continue;
            }

            foreach (PriceLevel level in ev.Levels.Bids)
            {
                bids.Set(level);
            }

            foreach (PriceLevel level in ev.Levels.Asks)
            {
                asks.Set(level);
            }
        }

        return sides[0].Count + sides[3].Count;
    }
}
