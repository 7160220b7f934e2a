namespace FlashTrader.Core.Market;

/// <summary>
/// A book side's levels that <see cref="BookSide"/>'s price ladder cannot index (far from the best, or off the tick
/// grid), kept sorted so the best is last, in chunks of at most <see cref="ChunkCapacity"/> levels: a change shifts at
/// most one chunk, and chunks are recycled, so a store that has reached its working size allocates nothing.
/// </summary>
internal sealed class SortedLevels
{
    public const int ChunkCapacity = 32;

    // +1 for bids, -1 for asks: price × sign ascends towards the best on both sides, so searches compare without a branch.
    private readonly long _sign;
    private int _lastChunk;
    private readonly Stack<Chunk> _spare = new();
    private Chunk[] _chunks = new Chunk[16];
    private long[] _firstPrices = new long[16];
    private int _chunkCount;

    /// <summary>The chunks, worst first; only the first <see cref="ChunkCount"/> are in use.</summary>
    internal Chunk[] Chunks => _chunks;

    internal int ChunkCount => _chunkCount;

    public SortedLevels(bool bids)
    {
        _sign = bids ? 1 : -1;
    }

    public int Count { get; private set; }

    public PriceLevel Best
    {
        get
        {
            Chunk last = _chunks[_chunkCount - 1];
            return last.Levels[last.Count - 1];
        }
    }

    public void Clear()
    {
        for (int c = 0; c < _chunkCount; c++)
        {
            _chunks[c].Count = 0;
            _spare.Push(_chunks[c]);
            _chunks[c] = null!;
        }

        _chunkCount = 0;
        Count = 0;
    }

    /// <summary>Sets a level's quantity; zero removes it.</summary>
    public void Set(PriceLevel level)
    {
        long price = level.Price.Raw;
        if (_chunkCount == 0)
        {
            if (!level.Quantity.IsZero)
            {
                InsertChunk(0).Insert(0, level);
                _firstPrices[0] = level.Price.Raw;
                Count++;
            }

            return;
        }

        // A diff's levels come in price order, so the chunk the last change went to is the likeliest one.
        long key = price * _sign;
        int c = _lastChunk;
        if (c >= _chunkCount || _firstPrices[c] * _sign > key || (c + 1 < _chunkCount && _firstPrices[c + 1] * _sign <= key))
        {
            // A price worse than every level belongs at the front of the first chunk.
            c = Math.Max(0, FindChunk(key));
        }

        _lastChunk = c;
        Chunk chunk = _chunks[c];
        int i = chunk.Find(key, _sign);
        if (i >= 0)
        {
            if (!level.Quantity.IsZero)
            {
                chunk.Levels[i] = level;
                return;
            }

            chunk.RemoveAt(i);
            Count--;
            if (chunk.Count == 0)
            {
                RemoveChunk(c);
            }
            else
            {
                if (i == 0)
                {
                    _firstPrices[c] = chunk.Levels[0].Price.Raw;
                }

                MergeIfSparse(c);
            }

            return;
        }

        if (level.Quantity.IsZero)
        {
            return;
        }

        int insert = ~i;
        if (chunk.Count == ChunkCapacity)
        {
            // Split the full chunk in two halves and insert into the half the price belongs to.
            Chunk right = InsertChunk(c + 1);
            int half = ChunkCapacity / 2;
            Array.Copy(chunk.Levels, half, right.Levels, 0, ChunkCapacity - half);
            right.Count = ChunkCapacity - half;
            chunk.Count = half;
            _firstPrices[c + 1] = right.Levels[0].Price.Raw;
            if (insert > half)
            {
                chunk = right;
                insert -= half;
                c++;
            }
        }

        chunk.Insert(insert, level);
        if (insert == 0)
        {
            _firstPrices[c] = price;
        }

        Count++;
    }

    /// <summary>
    /// Folds a chunk that has fallen to a quarter full into a neighbour with room, so splits and removals cannot
    /// fragment a side into ever more chunks (which would keep allocating on a book of steady size).
    /// </summary>
    private void MergeIfSparse(int c)
    {
        Chunk chunk = _chunks[c];
        if (chunk.Count > ChunkCapacity / 4)
        {
            return;
        }

        if (c > 0 && _chunks[c - 1].Count + chunk.Count <= ChunkCapacity)
        {
            Chunk left = _chunks[c - 1];
            Array.Copy(chunk.Levels, 0, left.Levels, left.Count, chunk.Count);
            left.Count += chunk.Count;
            chunk.Count = 0;
            RemoveChunk(c);
        }
        else if (c + 1 < _chunkCount && _chunks[c + 1].Count + chunk.Count <= ChunkCapacity)
        {
            Chunk right = _chunks[c + 1];
            Array.Copy(right.Levels, 0, chunk.Levels, chunk.Count, right.Count);
            chunk.Count += right.Count;
            right.Count = 0;
            RemoveChunk(c + 1);
        }
    }

    /// <summary>The last chunk whose first level is at or worse than the price; -1 when the price is worse than all.</summary>
    private int FindChunk(long key)
    {
        int lo = 0;
        int hi = _chunkCount - 1;
        int found = -1;
        long sign = _sign;
        long[] firstPrices = _firstPrices;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (firstPrices[mid] * sign <= key)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private Chunk InsertChunk(int index)
    {
        if (_chunkCount == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
            Array.Resize(ref _firstPrices, _chunks.Length);
        }

        Array.Copy(_chunks, index, _chunks, index + 1, _chunkCount - index);
        Array.Copy(_firstPrices, index, _firstPrices, index + 1, _chunkCount - index);
        if (_spare.Count == 0)
        {
            // Grow geometrically, like a list's capacity: a book that keeps deepening allocates ever more rarely.
            for (int i = Math.Max(4, _chunkCount); i > 0; i--)
            {
                _spare.Push(new Chunk());
            }
        }

        Chunk chunk = _spare.Pop();
        chunk.Count = 0;
        _chunks[index] = chunk;
        _chunkCount++;
        return chunk;
    }

    private void RemoveChunk(int index)
    {
        _spare.Push(_chunks[index]);
        Array.Copy(_chunks, index + 1, _chunks, index, _chunkCount - index - 1);
        Array.Copy(_firstPrices, index + 1, _firstPrices, index, _chunkCount - index - 1);
        _chunkCount--;
        _chunks[_chunkCount] = null!;
    }

    internal sealed class Chunk
    {
        public readonly PriceLevel[] Levels = new PriceLevel[ChunkCapacity];
        public int Count;

        /// <summary>Index of the level whose price × <paramref name="sign"/> is <paramref name="key"/>, or ~insertion point.</summary>
        public int Find(long key, long sign)
        {
            int lo = 0;
            int hi = Count - 1;
            PriceLevel[] levels = Levels;
            while (lo <= hi)
            {
                int mid = (lo + hi) >>> 1;
                long m = levels[mid].Price.Raw * sign;
                if (m == key)
                {
                    return mid;
                }

                if (m < key)
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

        public void Insert(int index, PriceLevel level)
        {
            Array.Copy(Levels, index, Levels, index + 1, Count - index);
            Levels[index] = level;
            Count++;
        }

        public void RemoveAt(int index)
        {
            Array.Copy(Levels, index + 1, Levels, index, Count - index - 1);
            Count--;
        }
    }
}
