using System.Runtime.CompilerServices;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;

namespace FlashTrader.Core.Market;

/// <summary>
/// Stage 1 of the pipeline: applies market events to per-symbol books and tapes and derives the features strategies
/// read. Pure and single-threaded; allocates nothing per event once the books have grown to their working size.
/// </summary>
public sealed class MarketState
{
    private readonly SymbolMarket[] _markets;
    private readonly int _depth;
    private readonly Depth[] _depthSums;
    private readonly MarketTick[] _ticks;
    private long _sequence;

    public MarketState(InstrumentSet instruments, SignalGenerationOptions options)
    {
        _markets = [.. instruments.All.Select(i => new SymbolMarket(i, options))];
        _depth = options.OrderBookDepth;
        _depthSums = new Depth[_markets.Length];
        _ticks = new MarketTick[_markets.Length];
    }

    public IReadOnlyList<SymbolMarket> Markets => _markets;

    public SymbolMarket this[int symbolId] => _markets[symbolId];

    public long Events => _sequence;

    public long BookGaps
    {
        get
        {
            long n = 0;
            foreach (SymbolMarket m in _markets)
            {
                n += m.Book.Gaps;
            }

            return n;
        }
    }

    public long BookResyncs
    {
        get
        {
            long n = 0;
            foreach (SymbolMarket m in _markets)
            {
                n += m.Book.Resyncs;
            }

            return n;
        }
    }

    /// <summary>
    /// Releases every symbol's book (<see cref="OrderBook.Release"/>): their levels are gone and their ladder arrays go
    /// to the next books built, e.g. the next backtest run's. The features of each symbol's last tick stay.
    /// </summary>
    public void ReleaseBooks()
    {
        foreach (SymbolMarket m in _markets)
        {
            m.Book.Release();
        }

        Array.Clear(_depthSums);
    }

    /// <summary>Set when the last applied diff revealed a gap: a live source should fetch a new snapshot.</summary>
    public bool ResyncRequested { get; private set; }

    /// <summary>
    /// Applies <paramref name="ev"/> and returns the tick it makes. The tick is this state's own and is overwritten by
    /// the next call on its symbol (a 240-byte tick is built once, in place, rather than copied out per event): copy it
    /// to keep it.
    /// </summary>
    public ref readonly MarketTick Apply(in MarketEvent ev, long receivedTimestamp)
    {
        SymbolMarket m = _markets[ev.SymbolId];
        ResyncRequested = false;
        bool bookChanged = false;
        switch (ev.Kind)
        {
            case MarketEventKind.DepthSnapshot:
                m.Book.ApplySnapshot(ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
                bookChanged = true;
                break;
            case MarketEventKind.DepthDiff:
                DepthDiffOutcome outcome = m.Book.ApplyDiff(ev.FirstUpdateId, ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
                // A gap changes what the book is worth: features must say untradeable from this tick on.
                bookChanged = outcome is DepthDiffOutcome.Applied or DepthDiffOutcome.Gap;
                ResyncRequested = outcome == DepthDiffOutcome.Gap;
                break;
            case MarketEventKind.Trade:
                m.Tape.Add(ev.ExchangeTimeNs, ev.Price, ev.Quantity, ev.Side);
                break;
            case MarketEventKind.BookTicker:
                m.BookTickers++;
                break;
            case MarketEventKind.Kline:
                m.Klines++;
                break;
        }

        if (bookChanged)
        {
            _depthSums[ev.SymbolId].Fresh = false;
        }

        // Each symbol has its own tick, which always holds that symbol's features: an event that leaves them as they were
        // (a book ticker, a kline, a stale diff) only moves the sequence and the event.
        ref MarketTick tick = ref _ticks[ev.SymbolId];
        if (bookChanged || ev.Kind == MarketEventKind.Trade)
        {
            Recompute(m, ref tick, ref _depthSums[ev.SymbolId], ev.ExchangeTimeNs);
        }

        MarketTick.Advance(ref tick, ++_sequence, ev, receivedTimestamp);
        return ref tick;
    }

    /// <summary>
    /// Writes the symbol's new features into its tick, in place. Kept out of <see cref="Apply"/> so the three events in
    /// four that change nothing do not pay for this path's 112-byte temporaries (zeroed on every entry to a method).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Recompute(SymbolMarket m, ref MarketTick tick, ref Depth depth, long timeNs)
    {
        ref MarketFeatures features = ref MarketTick.WritableFeatures(ref tick);
        features = Compute(m, ref depth, timeNs);
        m.Features = features;
    }

    private MarketFeatures Compute(SymbolMarket m, ref Depth depth, long timeNs)
    {
        OrderBook book = m.Book;
        m.Tape.Expire(timeNs);
        if (!book.IsTradeable)
        {
            return m.Features with { Tradeable = false };
        }

        PriceLevel bid = book.BestBid;
        PriceLevel ask = book.BestAsk;
        double bidPx = bid.Price.ToDouble();
        double askPx = ask.Price.ToDouble();
        double mid = (bidPx + askPx) / 2;
        m.Mids.Observe(timeNs, mid);
        if (!depth.Fresh)
        {
            // Summed once per book change: a trade leaves the book, and so its depth, as it was.
            depth = new Depth(book.DepthQuantity(Side.Buy, _depth).ToDouble(), book.DepthQuantity(Side.Sell, _depth).ToDouble());
        }

        double bidDepth = depth.Bid;
        double askDepth = depth.Ask;
        double total = bidDepth + askDepth;
        return new MarketFeatures
        {
            Tradeable = true,
            BestBid = bid.Price,
            BestBidQuantity = bid.Quantity,
            BestAsk = ask.Price,
            BestAskQuantity = ask.Quantity,
            Mid = mid,
            SpreadBps = (askPx - bidPx) / mid * 10_000,
            Imbalance = total > 0 ? (bidDepth - askDepth) / total : 0,
            DepthRatio = askDepth > 0 ? bidDepth / askDepth : double.PositiveInfinity,
            MomentumPercent = m.Mids.MomentumPercent,
            VolatilityPercent = m.Mids.VolatilityPercent,
            TrendPercent = m.Mids.TrendPercent,
            TradeVwap = m.Tape.Vwap,
            BuyVolume = m.Tape.BuyVolume,
            SellVolume = m.Tape.SellVolume,
        };
    }

    /// <summary>Quantity over the configured depth on each side, as of the book's last change.</summary>
    private struct Depth(double bid, double ask)
    {
        public readonly double Bid = bid;
        public readonly double Ask = ask;
        public bool Fresh = true;
    }
}
