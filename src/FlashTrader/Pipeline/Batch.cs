using System.Runtime.InteropServices;

namespace FlashTrader.Pipeline;

/// <summary>
/// A run of messages travelling through a channel together, so the per-item cost of a channel hop (a wake-up, a
/// synchronisation) is paid once per batch. Batches are pooled: the reader returns each to the pool when done.
/// In live trading batches are as small as the arrival rate makes them; in a max-speed replay they fill up. The items
/// live in a list sized to the batch, so a stage whose core class appends its outputs to a list appends them straight
/// into the batch (a 472-byte TradingMessage is then written once per hop, not into a list and again into the batch).
/// </summary>
public sealed class Batch<T>
{
    private readonly BatchPool<T> _pool;
    private readonly int _capacity;

    /// <summary>
    /// Room beyond the batch size for the outputs of the item that fills it (a fill's reports and watermark, an order
    /// and its tick): without it such a batch would grow its list (a large-object allocation for 472-byte messages).
    /// </summary>
    private const int Headroom = 16;

    internal Batch(BatchPool<T> pool, int capacity)
    {
        _pool = pool;
        _capacity = capacity;
        List = new List<T>(capacity + Headroom);
    }

    /// <summary>The items, in place (by reference: no copy of a large struct to read one).</summary>
    public Span<T> Items => CollectionsMarshal.AsSpan(List);

    /// <summary>The items as a list to append to; it may grow past the batch size when one input makes many outputs.</summary>
    public List<T> List { get; }

    public int Count => List.Count;

    public bool IsFull => List.Count >= _capacity;

    public ReadOnlySpan<T> Span => CollectionsMarshal.AsSpan(List);

    public void Add(in T item) => List.Add(item);

    /// <summary>The next slot, counted as added: the caller writes the item in place.</summary>
    public ref T AddSlot()
    {
        int count = List.Count;
        CollectionsMarshal.SetCount(List, count + 1);
        return ref CollectionsMarshal.AsSpan(List)[count];
    }

    public void Return()
    {
        List.Clear(); // drops references (depth buffers) so nothing is kept alive by the pool
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

    /// <summary>Makes <paramref name="count"/> batches now, so the first rents do not allocate.</summary>
    public BatchPool<T> Prefill(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Return(new Batch<T>(this, batchSize));
        }

        return this;
    }
}
