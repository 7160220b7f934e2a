namespace FlashTrader.Dashboard.Taps;

/// <summary>
/// The newest N items of a stream, in a preallocated array: adding copies a struct and allocates nothing. Only the
/// owning stage's thread touches it; the snapshot it publishes is a fresh list.
/// </summary>
internal sealed class RecentRing<T>(int capacity)
    where T : struct
{
    private readonly T[] _items = new T[capacity];
    private int _next;

    public int Count { get; private set; }

    /// <summary>Items ever added: lets a publisher skip rebuilding an unchanged view.</summary>
    public long Added { get; private set; }

    public void Add(in T item)
    {
        _items[_next] = item;
        _next = (_next + 1) % _items.Length;
        Count = Math.Min(Count + 1, _items.Length);
        Added++;
    }

    /// <summary>Newest first.</summary>
    public List<TView> NewestFirst<TView>(Func<T, TView> view)
    {
        var list = new List<TView>(Count);
        for (int i = 1; i <= Count; i++)
        {
            list.Add(view(_items[(_next - i + _items.Length) % _items.Length]));
        }

        return list;
    }

    /// <summary>Oldest first.</summary>
    public List<TView> OldestFirst<TView>(Func<T, TView> view)
    {
        var list = new List<TView>(Count);
        for (int i = Count; i >= 1; i--)
        {
            list.Add(view(_items[(_next - i + _items.Length) % _items.Length]));
        }

        return list;
    }
}
