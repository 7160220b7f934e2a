using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Market;

/// <summary>
/// An L2 order book kept in sync by snapshot + version-chained diffs (Binance's U/u and MEXC's fromVersion/toVersion
/// follow the same rule): a diff applies when <c>first &lt;= lastUpdateId + 1 &lt;= last</c>; one wholly at or below
/// lastUpdateId is stale; one starting beyond lastUpdateId + 1 is a gap, after which the book is not trusted until a
/// new snapshot. Diffs that arrive before the first snapshot are buffered and replayed onto it (MEXC's documented
/// procedure), so a capture whose snapshot lands mid-stream still syncs.
/// Levels are stored best-last (bids ascending, asks descending) so the frequent top-of-book changes shift few entries.
/// </summary>
public sealed class OrderBook
{
    private readonly BookSide _bids = new(descendingBest: true);
    private readonly BookSide _asks = new(descendingBest: false);
    private readonly BufferedDiff[] _buffer;
    private int _bufferStart;
    private int _bufferCount;

    public OrderBook(string symbol, int maxBufferedDiffs = 1024)
    {
        Symbol = symbol;
        _buffer = new BufferedDiff[maxBufferedDiffs];
    }

    public string Symbol { get; }

    public BookSyncState State { get; private set; }

    public bool IsSynced => State == BookSyncState.Synced;

    /// <summary>True when the best bid is at or above the best ask: a book never to trade on.</summary>
    public bool IsCrossed => _bids.Count > 0 && _asks.Count > 0 && _bids.Best.Price >= _asks.Best.Price;

    /// <summary>Synced, not crossed, with both sides present.</summary>
    public bool IsTradeable => State == BookSyncState.Synced && _bids.Count > 0 && _asks.Count > 0 && !IsCrossed;

    public long LastUpdateId { get; private set; }

    /// <summary>Exchange time of the last change, Unix ns.</summary>
    public long LastUpdateTimeNs { get; private set; }

    public long SnapshotsApplied { get; private set; }

    /// <summary>Snapshots applied after the first (recoveries from gaps or periodic refreshes).</summary>
    public long Resyncs => Math.Max(0, SnapshotsApplied - 1);

    public long Gaps { get; private set; }

    public long StaleDiffs { get; private set; }

    public long DiffsApplied { get; private set; }

    /// <summary>Buffered pre-snapshot diffs that fell out of the bounded buffer.</summary>
    public long BufferOverflows { get; private set; }

    /// <summary>Times an update left the book crossed.</summary>
    public long CrossedUpdates { get; private set; }

    public int BidCount => _bids.Count;

    public int AskCount => _asks.Count;

    public PriceLevel BestBid => _bids.Count > 0 ? _bids.Best : default;

    public PriceLevel BestAsk => _asks.Count > 0 ? _asks.Best : default;

    /// <summary>The i-th best bid (0 = best).</summary>
    public PriceLevel Bid(int i) => _bids.FromBest(i);

    /// <summary>The i-th best ask (0 = best).</summary>
    public PriceLevel Ask(int i) => _asks.FromBest(i);

    /// <summary>Levels of one side, best LAST.</summary>
    public ReadOnlySpan<PriceLevel> BidsBestLast => _bids.Levels;

    public ReadOnlySpan<PriceLevel> AsksBestLast => _asks.Levels;

    public void ApplySnapshot(long lastUpdateId, DepthLevels levels, long exchangeTimeNs)
    {
        _bids.Load(levels.Bids);
        _asks.Load(levels.Asks);
        LastUpdateId = lastUpdateId;
        LastUpdateTimeNs = exchangeTimeNs;
        State = BookSyncState.Synced;
        SnapshotsApplied++;
        ReplayBuffer();
        if (IsCrossed)
        {
            CrossedUpdates++;
        }
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
        _bufferCount = 0;
        for (int i = 0; i < count && State == BookSyncState.Synced; i++)
        {
            ref BufferedDiff b = ref _buffer[(_bufferStart + i) % _buffer.Length];
            ApplyInSync(b.First, b.Last, b.Levels!.Bids, b.Levels.Asks, b.ExchangeTimeNs);
        }

        _bufferStart = 0;
    }

    /// <summary>Total quantity of the best <paramref name="levels"/> levels of one side.</summary>
    public Fixed8 DepthQuantity(Side side, int levels)
    {
        BookSide s = side == Side.Buy ? _bids : _asks;
        ReadOnlySpan<PriceLevel> all = s.Levels;
        int n = Math.Min(levels, all.Length);
        long sum = 0;
        for (int i = all.Length - n; i < all.Length; i++)
        {
            sum += all[i].Quantity.Raw;
        }

        return Fixed8.FromRaw(sum);
    }

    private struct BufferedDiff
    {
        public long First;
        public long Last;
        public long ExchangeTimeNs;
        public DepthLevels? Levels;
    }

    /// <summary>One side's levels sorted so the best price is last.</summary>
    private sealed class BookSide
    {
        private readonly bool _descendingBest;
        private PriceLevel[] _levels = new PriceLevel[256];

        public BookSide(bool descendingBest) => _descendingBest = descendingBest;

        public int Count { get; private set; }

        public ReadOnlySpan<PriceLevel> Levels => _levels.AsSpan(0, Count);

        public PriceLevel Best => _levels[Count - 1];

        public PriceLevel FromBest(int i) => i < Count ? _levels[Count - 1 - i] : default;

        public void Load(ReadOnlySpan<PriceLevel> levels)
        {
            Count = 0;
            foreach (PriceLevel level in levels)
            {
                Set(level);
            }
        }

        public void Set(PriceLevel level)
        {
            int index = Find(level.Price);
            if (index >= 0)
            {
                if (level.Quantity.IsZero)
                {
                    Array.Copy(_levels, index + 1, _levels, index, Count - index - 1);
                    Count--;
                }
                else
                {
                    _levels[index] = level;
                }

                return;
            }

            if (level.Quantity.IsZero)
            {
                return;
            }

            int insert = ~index;
            if (Count == _levels.Length)
            {
                Array.Resize(ref _levels, _levels.Length * 2);
            }

            Array.Copy(_levels, insert, _levels, insert + 1, Count - insert);
            _levels[insert] = level;
            Count++;
        }

        /// <summary>Binary search in storage order (ascending for bids, descending for asks); ~insertion point when absent.</summary>
        private int Find(Fixed8 price)
        {
            long p = price.Raw;
            int lo = 0;
            int hi = Count - 1;
            PriceLevel[] levels = _levels;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                long m = levels[mid].Price.Raw;
                if (m == p)
                {
                    return mid;
                }

                bool before = _descendingBest ? m < p : m > p;
                if (before)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }

            return ~lo;
        }
    }
}
