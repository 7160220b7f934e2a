namespace FlashTrader.Core.Execution;

/// <summary>
/// A first-in first-out queue of items due at non-decreasing times: orders on the wire to the matching engine, reports
/// on their way back. One connection keeps its messages in order, so a later message is never due before an earlier
/// one (<see cref="Enqueue"/> enforces it). A ring buffer: it allocates only to grow.
/// </summary>
public sealed class TimedQueue<T>
    where T : struct
{
    private (long DueNs, T Item)[] _items = new (long, T)[16];
    private int _head;

    public int Count { get; private set; }

    /// <summary>Due time of the newest item, or <see cref="long.MinValue"/> while nothing was ever queued.</summary>
    public long LastDueNs { get; private set; } = long.MinValue;

    /// <summary>Queues <paramref name="item"/> due at <paramref name="dueNs"/>, or at the previous item's time if that is later.</summary>
    public void Enqueue(long dueNs, in T item)
    {
        if (Count == _items.Length)
        {
            var grown = new (long, T)[_items.Length * 2];
            for (int i = 0; i < Count; i++)
            {
                grown[i] = _items[(_head + i) % _items.Length];
            }

            _items = grown;
            _head = 0;
        }

        dueNs = Math.Max(dueNs, LastDueNs);
        _items[(_head + Count) % _items.Length] = (dueNs, item);
        Count++;
        LastDueNs = dueNs;
    }

    /// <summary>True when the oldest item is due at or before <paramref name="nowNs"/> (a check per market event that copies nothing).</summary>
    public bool IsDue(long nowNs) => Count > 0 && _items[_head].DueNs <= nowNs;

    /// <summary>Takes the oldest item if it is due at or before <paramref name="nowNs"/>.</summary>
    public bool TryDequeueDue(long nowNs, out long dueNs, out T item)
    {
        if (Count == 0 || _items[_head].DueNs > nowNs)
        {
            dueNs = 0;
            item = default;
            return false;
        }

        (dueNs, item) = _items[_head];
        _items[_head] = default;
        _head = (_head + 1) % _items.Length;
        Count--;
        return true;
    }

    /// <summary>Takes the oldest item whatever its time (kill switch: everything now).</summary>
    public bool TryDequeue(out long dueNs, out T item) => TryDequeueDue(long.MaxValue, out dueNs, out item);
}
