using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Market;

/// <summary>
/// An L2 order book kept in sync by snapshot + version-chained diffs (Binance's U/u and MEXC's fromVersion/toVersion
/// follow the same rule): a diff applies when <c>first &lt;= lastUpdateId + 1 &lt;= last</c>; one wholly at or below
/// lastUpdateId is stale; one starting beyond lastUpdateId + 1 is a gap, after which the book is not trusted until a
/// new snapshot. Diffs that arrive before the first snapshot are buffered and replayed onto it (MEXC's documented
/// procedure), so a capture whose snapshot lands mid-stream still syncs.
/// Each side is a <see cref="BookSide"/>: a price-indexed ladder around the best, so a level change costs a few ns.
/// </summary>
public sealed class OrderBook
{
    private readonly BookSide _bids;
    private readonly BookSide _asks;
    private readonly BufferedDiff[] _buffer;
    private PriceLevel _bestBid;
    private PriceLevel _bestAsk;
    private int _bufferStart;
    private int _bufferCount;

    /// <summary>A book that learns the symbol's tick from its first snapshot (or first prices).</summary>
    public OrderBook(string symbol, int maxBufferedDiffs = 1024)
        : this(symbol, default, maxBufferedDiffs)
    {
    }

    /// <param name="symbol">The pair.</param>
    /// <param name="tickSize">The pair's price step (10^-PriceDecimals), or zero to learn it from the data.</param>
    /// <param name="maxBufferedDiffs">Diffs kept while awaiting a snapshot.</param>
    public OrderBook(string symbol, Fixed8 tickSize, int maxBufferedDiffs = 1024)
    {
        Symbol = symbol;
        _bids = new BookSide(bids: true, tickSize);
        _asks = new BookSide(bids: false, tickSize);
        _buffer = new BufferedDiff[maxBufferedDiffs];
    }

    public string Symbol { get; }

    public BookSyncState State { get; private set; }

    public bool IsSynced => State == BookSyncState.Synced;

    /// <summary>True when the best bid is at or above the best ask: a book never to trade on.</summary>
    public bool IsCrossed => _bids.Count > 0 && _asks.Count > 0 && _bestBid.Price >= _bestAsk.Price;

    /// <summary>Synced, not crossed, with both sides present.</summary>
    public bool IsTradeable => State == BookSyncState.Synced && _bids.Count > 0 && _asks.Count > 0 && !IsCrossed;

    public long LastUpdateId { get; private set; }

    /// <summary>Exchange time of the last change, Unix ns.</summary>
    public long LastUpdateTimeNs { get; private set; }

    public long SnapshotsApplied { get; private set; }

    /// <summary>Snapshots applied after the first (recoveries from gaps or periodic refreshes).</summary>
    public long Resyncs => Math.Max(0, SnapshotsApplied - 1);

    public long Gaps { get; private set; }

    /// <summary>Snapshots ignored because they were older than the in-sync book.</summary>
    public long StaleSnapshots { get; private set; }

    public long StaleDiffs { get; private set; }

    public long DiffsApplied { get; private set; }

    /// <summary>Buffered pre-snapshot diffs that fell out of the bounded buffer.</summary>
    public long BufferOverflows { get; private set; }

    /// <summary>Times an update left the book crossed.</summary>
    public long CrossedUpdates { get; private set; }

    public int BidCount => _bids.Count;

    public int AskCount => _asks.Count;

    public PriceLevel BestBid => _bestBid;

    public PriceLevel BestAsk => _bestAsk;

    /// <summary>The i-th best bid (0 = best).</summary>
    public PriceLevel Bid(int i) => _bids.FromBest(i);

    /// <summary>The i-th best ask (0 = best).</summary>
    public PriceLevel Ask(int i) => _asks.FromBest(i);

    /// <summary>Bids from the best (highest) price down, without allocating.</summary>
    public BookSide.LevelsFromBest BidsFromBest => _bids.FromBest();

    /// <summary>Asks from the best (lowest) price up, without allocating.</summary>
    public BookSide.LevelsFromBest AsksFromBest => _asks.FromBest();

    public BookSide.LevelsFromBest FromBest(Side side) => side == Side.Buy ? _bids.FromBest() : _asks.FromBest();

    /// <summary>Applies a snapshot; false (and counted in <see cref="StaleSnapshots"/>) when it is older than an in-sync book.</summary>
    public bool ApplySnapshot(long lastUpdateId, DepthLevels levels, long exchangeTimeNs)
    {
        if (State == BookSyncState.Synced && lastUpdateId < LastUpdateId)
        {
            // A refresh that arrives late would rewind the book and make the next diff look like a gap.
            StaleSnapshots++;
            return false;
        }

        _bids.Load(levels.Bids);
        _asks.Load(levels.Asks);
        TouchChanged();
        LastUpdateId = lastUpdateId;
        LastUpdateTimeNs = exchangeTimeNs;
        State = BookSyncState.Synced;
        SnapshotsApplied++;
        ReplayBuffer();
        if (IsCrossed)
        {
            CrossedUpdates++;
        }

        return true;
    }

    public DepthDiffOutcome ApplyDiff(long first, long last, DepthLevels levels, long exchangeTimeNs)
    {
        switch (State)
        {
            case BookSyncState.AwaitingSnapshot:
                Buffer(first, last, levels, exchangeTimeNs);
                return DepthDiffOutcome.Buffered;
            case BookSyncState.Gap:
                // Keep the newest diffs: a snapshot arriving later replays what follows it.
                Buffer(first, last, levels, exchangeTimeNs);
                return DepthDiffOutcome.IgnoredWhileGapped;
        }

        DepthDiffOutcome outcome = ApplyInSync(first, last, levels.Bids, levels.Asks, exchangeTimeNs);
        if (outcome == DepthDiffOutcome.Applied && IsCrossed)
        {
            CrossedUpdates++;
        }
        else if (outcome == DepthDiffOutcome.Gap)
        {
            // Keep the diff that revealed the gap: the resync snapshot may predate it, and it must then be replayed.
            Buffer(first, last, levels, exchangeTimeNs);
        }

        return outcome;
    }

    private DepthDiffOutcome ApplyInSync(long first, long last, ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, long exchangeTimeNs)
    {
        if (last <= LastUpdateId)
        {
            StaleDiffs++;
            return DepthDiffOutcome.Stale;
        }

        if (first > LastUpdateId + 1)
        {
            Gaps++;
            State = BookSyncState.Gap;
            _bufferCount = 0;
            return DepthDiffOutcome.Gap;
        }

        foreach (PriceLevel level in bids)
        {
            _bids.Set(level);
        }

        foreach (PriceLevel level in asks)
        {
            _asks.Set(level);
        }

        TouchChanged();
        LastUpdateId = last;
        LastUpdateTimeNs = exchangeTimeNs;
        DiffsApplied++;
        return DepthDiffOutcome.Applied;
    }

    private void Buffer(long first, long last, DepthLevels levels, long exchangeTimeNs)
    {
        int slot;
        if (_bufferCount == _buffer.Length)
        {
            slot = _bufferStart;
            _bufferStart = (_bufferStart + 1) % _buffer.Length;
            BufferOverflows++;
        }
        else
        {
            slot = (_bufferStart + _bufferCount) % _buffer.Length;
            _bufferCount++;
        }

        ref BufferedDiff b = ref _buffer[slot];
        b.Levels ??= new DepthLevels(Math.Max(16, Math.Max(levels.BidCount, levels.AskCount)));
        b.Levels.CopyFrom(levels);
        b.First = first;
        b.Last = last;
        b.ExchangeTimeNs = exchangeTimeNs;
    }

    private void ReplayBuffer()
    {
        int count = _bufferCount;
        int start = _bufferStart;
        _bufferCount = 0;
        _bufferStart = 0;
        for (int i = 0; i < count; i++)
        {
            ref BufferedDiff b = ref _buffer[(start + i) % _buffer.Length];
            if (ApplyInSync(b.First, b.Last, b.Levels!.Bids, b.Levels.Asks, b.ExchangeTimeNs) == DepthDiffOutcome.Gap)
            {
                // The snapshot is older than these diffs (MEXC: fetch it again). Keep them: dropping them would let the
                // next, equally old snapshot look in sync while the exchange is already past them.
                _bufferStart = (start + i) % _buffer.Length;
                _bufferCount = count - i;
                return;
            }
        }
    }

    /// <summary>
    /// Forgets every level and buffered diff (the book awaits a snapshot again; its counters stay) and hands the sides'
    /// ladder arrays back for reuse: for a book nothing reads any more, such as a finished backtest's.
    /// </summary>
    public void Release()
    {
        _bids.Release();
        _asks.Release();
        TouchChanged();
        _bufferCount = 0;
        _bufferStart = 0;
        State = BookSyncState.AwaitingSnapshot;
    }

    /// <summary>
    /// Reads the best levels once per change of the sides: the touch is asked for several times per event (crossed
    /// check, tradeable, features, marks, matching), and with far levels present each ask merges two structures.
    /// </summary>
    private void TouchChanged()
    {
        _bestBid = _bids.Count > 0 ? _bids.Best : default;
        _bestAsk = _asks.Count > 0 ? _asks.Best : default;
    }

    /// <summary>Total quantity of the best <paramref name="levels"/> levels of one side.</summary>
    public Fixed8 DepthQuantity(Side side, int levels) => (side == Side.Buy ? _bids : _asks).DepthQuantity(levels);

    private struct BufferedDiff
    {
        public long First;
        public long Last;
        public long ExchangeTimeNs;
        public DepthLevels? Levels;
    }
}
