using System.Numerics;
using System.Runtime.CompilerServices;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Market;

/// <summary>
/// One side of an L2 book. Levels near the best live in a price ladder: a window of <see cref="WindowLevels"/> ticks
/// indexed by price, with an occupancy bitmap (one bit per tick, one summary bit per 64 ticks) that finds the best and
/// walks from it in order, so a level change costs a few instructions wherever it lands in the window. Levels the
/// ladder cannot index — beyond the window, or off the tick grid — are kept exactly in a sorted store beside it; the
/// two are merged when walking from the best. The window re-centres when the best leaves it or drifts to its far end.
/// The tick is the one given, or learned from the data (the greatest common divisor of the prices seen); a price off
/// that grid is never rounded, it is stored beside the ladder, and enough of them teach the finer tick.
/// </summary>
public sealed class BookSide
{
    /// <summary>Ticks in the ladder's window unless told otherwise: 655 USDC at BTC's 0.01 tick.</summary>
    public const int DefaultWindowLevels = 1 << 16;

    /// <summary>Off-grid levels inserted before the side adopts the finer tick they reveal.</summary>
    internal const int OffGridLevelsToRelearn = 32;

    // Keys (price / tick, negated for asks so the best is the highest key on both sides) stay within ±2^62, so a key
    // minus the window's low key never overflows.
    private const long KeyLimit = 1L << 62;

    private readonly bool _bids;
    private readonly int _window;
    private readonly SortedLevels _far;

    private LadderStorage? _storage;
    private long[] _quantities = [];
    private ulong[] _occupied = [];
    private ulong[] _occupiedWords = [];
    private long _lowKey;
    private int _slots;
    private int _top = -1;
    private int _ladderCount;

    private long _tick;
    private int _tickShift;
    private ulong _tickLowBits = ulong.MaxValue;
    private ulong _tickInverse;
    private ulong _tickQuotientLimit;

    private long _offGridGcd;
    private int _offGridCount;
    private PriceLevel[] _scratch = [];

    /// <summary>A side that learns its tick from the prices it is given.</summary>
    public BookSide(bool bids)
        : this(bids, default, DefaultWindowLevels)
    {
    }

    /// <param name="bids">True for the bid side (best = highest price), false for asks.</param>
    /// <param name="tickSize">The pair's price step, or zero to learn it from the data.</param>
    /// <param name="windowLevels">Ticks the ladder indexes around the best: a power of two, at least 64.</param>
    public BookSide(bool bids, Fixed8 tickSize, int windowLevels = DefaultWindowLevels)
    {
        if (tickSize.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(tickSize), tickSize, "a tick size must be positive, or zero to learn it");
        }

        if (windowLevels < 64 || !BitOperations.IsPow2(windowLevels))
        {
            throw new ArgumentOutOfRangeException(nameof(windowLevels), windowLevels, "the ladder window must be a power of two of at least 64 levels");
        }

        _bids = bids;
        _window = windowLevels;
        _far = new SortedLevels(bids);
        if (tickSize.IsPositive)
        {
            UseTick(tickSize.Raw);
        }
    }

    public int Count => _ladderCount + _far.Count;

    /// <summary>The price step the ladder indexes by; zero until one is given or learned.</summary>
    public Fixed8 TickSize => Fixed8.FromRaw(_tick);

    /// <summary>Ticks the ladder's window spans.</summary>
    public int WindowLevels => _window;

    /// <summary>Levels held outside the ladder (beyond its window or off the tick grid).</summary>
    public int FarCount => _far.Count;

    /// <summary>Times the ladder was re-placed (best left the window, tick refined), counting its first placement.</summary>
    public long Recentres { get; private set; }

    /// <summary>The best level, or default on an empty side.</summary>
    public PriceLevel Best
    {
        get
        {
            if (_far.Count == 0)
            {
                return _ladderCount > 0 ? LadderLevel(_top) : default;
            }

            if (_ladderCount == 0)
            {
                return _far.Best;
            }

            PriceLevel far = _far.Best;
            long ladderPrice = PriceAt(_top);
            return IsBetter(far.Price.Raw, ladderPrice) ? far : new PriceLevel(Fixed8.FromRaw(ladderPrice), Fixed8.FromRaw(_quantities[_top]));
        }
    }

    /// <summary>The i-th best level (0 = best), or default past the end. O(i): a walk over several levels takes
    /// <see cref="FromBest()"/>.</summary>
    public PriceLevel FromBest(int i)
    {
        if (i < 0)
        {
            return default;
        }

        foreach (PriceLevel level in FromBest())
        {
            if (i-- == 0)
            {
                return level;
            }
        }

        return default;
    }

    /// <summary>Walks the side from the best level outwards without allocating: <c>foreach (var l in side.FromBest())</c>.</summary>
    public LevelsFromBest FromBest() => new(this);

    /// <summary>Total quantity of the best <paramref name="levels"/> levels.</summary>
    public Fixed8 DepthQuantity(int levels)
    {
        long sum = 0;
        int wanted = levels;
        int last = -1;
        for (int slot = _ladderCount > 0 ? _top : -1; slot >= 0 && levels > 0; slot = Below(slot))
        {
            sum += _quantities[slot];
            last = slot;
            levels--;
        }

        // The usual case: everything near the best is in the ladder, walked word by word. Levels beside it (far out, or
        // off the grid) count only when the ladder ran short or the best of them is better than the last level summed.
        if (_far.Count == 0 || (levels == 0 && (last < 0 || !IsBetter(_far.Best.Price.Raw, PriceAt(last)))))
        {
            return Fixed8.FromRaw(sum);
        }

        sum = 0;
        levels = wanted;
        foreach (PriceLevel level in FromBest())
        {
            if (levels-- <= 0)
            {
                break;
            }

            sum += level.Quantity.Raw;
        }

        return Fixed8.FromRaw(sum);
    }

    /// <summary>True when a level at <paramref name="price"/> is (or would be) held outside the ladder.</summary>
    internal bool IsFar(Fixed8 price) => !TryKey(price.Raw, out long key) || (ulong)(key - _lowKey) >= (ulong)_slots;

    public void Clear()
    {
        ClearLadder();
        _far.Clear();
    }

    /// <summary>
    /// Empties the side and hands its ladder arrays back for a later side to reuse (a finished backtest's books). The
    /// side stays usable: it takes arrays again when a level next lands in its window.
    /// </summary>
    public void Release()
    {
        Clear();
        if (_storage is not null)
        {
            LadderStorage storage = _storage;
            _storage = null;
            _quantities = [];
            _occupied = [];
            _occupiedWords = [];
            _slots = 0;
            storage.Return();
        }
    }

    /// <summary>Replaces the side with <paramref name="levels"/> (a snapshot), learning the tick from their prices.</summary>
    public void Load(ReadOnlySpan<PriceLevel> levels)
    {
        Clear();
        long gcd = _tick;
        foreach (PriceLevel level in levels)
        {
            if (level.Price.IsPositive && !level.Quantity.IsZero)
            {
                gcd = Gcd(gcd, level.Price.Raw);
            }
        }

        if (gcd != _tick)
        {
            UseTick(gcd);
        }

        long bestKey = 0;
        bool found = false;
        foreach (PriceLevel level in levels)
        {
            if (!level.Quantity.IsZero && TryKey(level.Price.Raw, out long key) && (!found || key > bestKey))
            {
                bestKey = key;
                found = true;
            }
        }

        if (found)
        {
            PlaceWindow(bestKey);
        }

        // Snapshots list the best first: placing them worst first appends to the far store instead of shifting it.
        for (int i = levels.Length - 1; i >= 0; i--)
        {
            Place(levels[i]);
        }
    }

    /// <summary>Sets a level's quantity; zero removes it.</summary>
    public void Set(PriceLevel level)
    {
        if (TryKey(level.Price.Raw, out long key))
        {
            ulong slot = (ulong)(key - _lowKey);
            if (slot < (ulong)_slots)
            {
                SetSlot((int)slot, level.Quantity.Raw);
                return;
            }
        }

        SetOutsideWindow(level);
    }

    private void SetOutsideWindow(PriceLevel level)
    {
        long price = level.Price.Raw;
        if (level.Quantity.IsZero || price <= 0)
        {
            _far.Set(level);
            return;
        }

        if (_tick == 0)
        {
            UseTick(PowerOfTenStep(price));
        }

        if (!TryKey(price, out long key) && (!LearnFromOffGrid(price) || !TryKey(price, out key)))
        {
            _far.Set(level);
            return;
        }

        // A new best outside the window (or the first level) moves the window to it; anything else stays far. Outside
        // and better than the best means above the window, or below an empty one.
        if (_slots == 0 || IsBetterThanBest(price))
        {
            Rehome(_tick, key);
        }

        ulong slot = (ulong)(key - _lowKey);
        if (slot < (ulong)_slots)
        {
            SetSlot((int)slot, level.Quantity.Raw);
        }
        else
        {
            _far.Set(level);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetSlot(int slot, long quantity)
    {
        if (quantity != 0)
        {
            _quantities[slot] = quantity;
            ref ulong word = ref _occupied[slot >> 6];
            ulong bit = 1UL << slot;
            if ((word & bit) == 0)
            {
                if (word == 0)
                {
                    _occupiedWords[slot >> 12] |= 1UL << (slot >> 6);
                }

                word |= bit;
                _ladderCount++;
                if (slot > _top)
                {
                    _top = slot;
                }
            }

            return;
        }

        if (Vacate(slot) && slot == _top)
        {
            TopRemoved(slot);
        }
    }

    /// <summary>Empties an occupied slot (bit, summary bit, count); false when it held no level.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Vacate(int slot)
    {
        ref ulong word = ref _occupied[slot >> 6];
        ulong bit = 1UL << slot;
        if ((word & bit) == 0)
        {
            return false;
        }

        word &= ~bit;
        if (word == 0)
        {
            _occupiedWords[slot >> 12] &= ~(1UL << (slot >> 6));
        }

        _ladderCount--;
        return true;
    }

    private void TopRemoved(int slot)
    {
        _top = Below(slot);
        if (_top < _slots / 4)
        {
            // The best has drifted to the window's far end (or left it): move the window back over it.
            RecentreOnBest();
        }
    }

    /// <summary>The highest occupied slot below <paramref name="slot"/>, or -1.</summary>
    private int Below(int slot)
    {
        int s = slot - 1;
        if (s < 0)
        {
            return -1;
        }

        int w = s >> 6;
        ulong bits = _occupied[w] & (ulong.MaxValue >> (63 - (s & 63)));
        if (bits != 0)
        {
            return (w << 6) | (63 - BitOperations.LeadingZeroCount(bits));
        }

        int below = w - 1;
        if (below < 0)
        {
            return -1;
        }

        int summary = below >> 6;
        ulong words = _occupiedWords[summary] & (ulong.MaxValue >> (63 - (below & 63)));
        while (words == 0)
        {
            if (--summary < 0)
            {
                return -1;
            }

            words = _occupiedWords[summary];
        }

        int word = (summary << 6) | (63 - BitOperations.LeadingZeroCount(words));
        return (word << 6) | (63 - BitOperations.LeadingZeroCount(_occupied[word]));
    }

    private void RecentreOnBest()
    {
        foreach (PriceLevel level in FromBest())
        {
            if (TryKey(level.Price.Raw, out long key))
            {
                if (LowKeyFor(key) != _lowKey)
                {
                    Rehome(_tick, key);
                }

                return;
            }
        }
    }

    /// <summary>Counts an off-grid price; true when enough have been seen that the side now uses the finer tick.</summary>
    private bool LearnFromOffGrid(long price)
    {
        _offGridGcd = Gcd(_offGridGcd, price);
        if (++_offGridCount < OffGridLevelsToRelearn)
        {
            return false;
        }

        long tick = Gcd(_tick, _offGridGcd);
        _offGridCount = 0;
        _offGridGcd = 0;
        long anchor = price;
        if (Count > 0)
        {
            anchor = Best.Price.Raw;
        }

        // The best is on the finer grid unless it is a level off even that grid; then anchor on the new price.
        long q = anchor / tick;
        if (anchor % tick != 0 || anchor <= 0)
        {
            q = price / tick;
        }

        Rehome(tick, _bids ? q : -q);
        return true;
    }

    /// <summary>Re-places the window with <paramref name="bestKey"/> near its top, under <paramref name="tick"/>, moving every level to its new home.</summary>
    private void Rehome(long tick, long bestKey)
    {
        int n = 0;
        int count = Count;
        if (_scratch.Length < count)
        {
            _scratch = new PriceLevel[Math.Max(count, _scratch.Length * 2)];
        }

        foreach (PriceLevel level in FromBest())
        {
            _scratch[n++] = level;
        }

        Clear();
        if (tick != _tick)
        {
            UseTick(tick);
        }

        PlaceWindow(bestKey);
        for (int i = n - 1; i >= 0; i--)
        {
            Place(_scratch[i]);
        }
    }

    private void PlaceWindow(long bestKey)
    {
        if (_storage is null)
        {
            _storage = LadderStorage.Rent(_window);
            _quantities = _storage.Quantities;
            _occupied = _storage.Occupied;
            _occupiedWords = _storage.OccupiedWords;
        }

        _lowKey = LowKeyFor(bestKey);
        _slots = _window;
        Recentres++;
    }

    /// <summary>The window's low key that puts <paramref name="bestKey"/> an eighth of the window below its top.</summary>
    private long LowKeyFor(long bestKey) =>
        Math.Clamp(bestKey - (_window - 1 - (_window >> 3)), -KeyLimit, KeyLimit - _window);

    /// <summary>Puts a level in its home, ladder or far store, without moving the window.</summary>
    private void Place(PriceLevel level)
    {
        if (TryKey(level.Price.Raw, out long key))
        {
            ulong slot = (ulong)(key - _lowKey);
            if (slot < (ulong)_slots)
            {
                SetSlotWithoutRecentring((int)slot, level.Quantity.Raw);
                return;
            }
        }

        _far.Set(level);
    }

    private void SetSlotWithoutRecentring(int slot, long quantity)
    {
        if (quantity != 0 || slot != _top)
        {
            SetSlot(slot, quantity);
            return;
        }

        // Removing the top while placing: find the next one, but leave the window where the caller put it.
        if (Vacate(slot))
        {
            _top = Below(slot);
        }
    }

    private void ClearLadder()
    {
        for (int s = 0; s < _occupiedWords.Length; s++)
        {
            ulong words = _occupiedWords[s];
            while (words != 0)
            {
                _occupied[(s << 6) | BitOperations.TrailingZeroCount(words)] = 0;
                words &= words - 1;
            }

            _occupiedWords[s] = 0;
        }

        _top = -1;
        _ladderCount = 0;
    }

    /// <summary>
    /// The ladder key of an on-grid price (price / tick, negated for asks); false for a price off the grid, not
    /// positive, or beyond the key range. Exact division by the tick without a divide instruction: the tick is
    /// 2^shift × odd, and for an odd divisor, x × inverse(odd) mod 2^64 is x / odd exactly when it divides x, and
    /// exceeds (2^64 - 1) / odd when it does not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryKey(long price, out long key)
    {
        ulong p = (ulong)price;
        if (price > 0 && (p & _tickLowBits) == 0)
        {
            ulong q = (p >> _tickShift) * _tickInverse;
            if (q <= _tickQuotientLimit)
            {
                key = _bids ? (long)q : -(long)q;
                return true;
            }
        }

        key = 0;
        return false;
    }

    private void UseTick(long tick)
    {
        _tick = tick;
        _tickShift = BitOperations.TrailingZeroCount(tick);
        _tickLowBits = (1UL << _tickShift) - 1;
        ulong odd = (ulong)tick >> _tickShift;

        // Newton's iteration doubles the correct low bits of the inverse each step: 3 (odd × odd ≡ 1 mod 8) -> 96.
        ulong inverse = odd;
        for (int i = 0; i < 5; i++)
        {
            inverse *= 2 - (odd * inverse);
        }

        _tickInverse = inverse;
        _tickQuotientLimit = Math.Min(ulong.MaxValue / odd, (ulong)KeyLimit - 1);
        _slots = 0;
    }

    private long PriceAt(int slot)
    {
        long key = _lowKey + slot;
        return (_bids ? key : -key) * _tick;
    }

    private PriceLevel LadderLevel(int slot) => new(Fixed8.FromRaw(PriceAt(slot)), Fixed8.FromRaw(_quantities[slot]));

    private bool IsBetter(long price, long than) => _bids ? price > than : price < than;

    private bool IsBetterThanBest(long price) => Count == 0 || IsBetter(price, Best.Price.Raw);

    /// <summary>The largest power of ten (at most 1) dividing a price: a first guess at the tick before any snapshot.</summary>
    private static long PowerOfTenStep(long price)
    {
        long step = 1;
        while (step < Fixed8.Scale && price % (step * 10) == 0)
        {
            step *= 10;
        }

        return step;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return Math.Abs(a);
    }

    /// <summary>Walks a side from the best level outwards without allocating: the ladder and the far store merged.</summary>
    public ref struct LevelsFromBest
    {
        private readonly BookSide? _side;
        private int _slot;
        private int _chunk;
        private int _index;

        internal LevelsFromBest(BookSide side)
        {
            _side = side;
            _slot = side._ladderCount > 0 ? side._top : -1;
            _chunk = side._far.ChunkCount - 1;
            _index = _chunk >= 0 ? side._far.Chunks[_chunk].Count - 1 : -1;
        }

        public readonly LevelsFromBest GetEnumerator() => this;

        public PriceLevel Current { get; private set; }

        public bool MoveNext()
        {
            BookSide? side = _side;
            if (side is null)
            {
                return false;
            }

            if (_chunk < 0)
            {
                if (_slot < 0)
                {
                    return false;
                }

                Current = side.LadderLevel(_slot);
                _slot = side.Below(_slot);
                return true;
            }

            PriceLevel far = side._far.Chunks[_chunk].Levels[_index];
            if (_slot >= 0)
            {
                long price = side.PriceAt(_slot);
                if (!side.IsBetter(far.Price.Raw, price))
                {
                    Current = new PriceLevel(Fixed8.FromRaw(price), Fixed8.FromRaw(side._quantities[_slot]));
                    _slot = side.Below(_slot);
                    return true;
                }
            }

            Current = far;
            if (--_index < 0 && --_chunk >= 0)
            {
                _index = side._far.Chunks[_chunk].Count - 1;
            }

            return true;
        }
    }
}
