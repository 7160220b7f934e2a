namespace FlashTrader.Pipeline;

/// <summary>
/// A run of messages travelling through a channel together, so the per-item cost of a channel hop (a wake-up, a
/// synchronisation) is paid once per batch. Batches are pooled: the reader returns each to the pool when done.
/// In live trading batches are as small as the arrival rate makes them; in a max-speed replay they fill up.
/// </summary>
public sealed class Batch<T>
{
    private readonly BatchPool<T> _pool;

    internal Batch(BatchPool<T> pool, int capacity)
    {
        _pool = pool;
        Items = new T[capacity];
    }

    public T[] Items { get; }

    public int Count { get; private set; }

    public bool IsFull => Count == Items.Length;

    public ReadOnlySpan<T> Span => Items.AsSpan(0, Count);

    public void Add(in T item) => Items[Count++] = item;

    /// <summary>The next slot, counted as added: the caller writes the item in place.</summary>
    public ref T AddSlot() => ref Items[Count++];

    public void Return()
    {
        Array.Clear(Items, 0, Count); // drop references (depth buffers) so nothing is kept alive by the pool
        Count = 0;
        _pool.Return(this);
    }
}

/// <summary>A lock-guarded stack of batches: renting allocates only until the pool holds as many as are in flight.</summary>
public sealed class BatchPool<T>(int batchSize)
{
    private readonly Stack<Batch<T>> _free = new();
    private readonly Lock _gate = new();

    public int BatchSize => batchSize;

    public Batch<T> Rent()
    {
        lock (_gate)
        {
            if (_free.TryPop(out Batch<T>? batch))
            {
                return batch;
            }
        }

        return new Batch<T>(this, batchSize);
    }

    internal void Return(Batch<T> batch)
    {
        lock (_gate)
        {
            _free.Push(batch);
        }
    }
}
