namespace FlashTrader.Dashboard.Taps;

/// <summary>
/// The newest N items of a stream, in a preallocated array: adding copies a struct and allocates nothing. Only the
/// owning stage's thread touches it. Each item's published view is made once, at the first publication that includes
/// it, and reused after; a publication allocates only the views of new items and the list that holds them.
/// </summary>
internal sealed class RecentRing<T, TView>(int capacity, Func<T, TView> view)
    where T : struct
    where TView : class
{
    private readonly T[] _items = new T[capacity];
    private readonly TView?[] _views = new TView?[capacity];
    private int _next;

    public int Count { get; private set; }

    /// <summary>Items ever added: lets a publisher skip rebuilding an unchanged view.</summary>
    public long Added { get; private set; }

    public void Add(in T item)
    {
        _items[_next] = item;
        _views[_next] = null;
        _next = (_next + 1) % _items.Length;
        Count = Math.Min(Count + 1, _items.Length);
        Added++;
    }

    public List<TView> NewestFirst()
    {
        var list = new List<TView>(Count);
        for (int i = 1; i <= Count; i++)
        {
            list.Add(ViewAt((_next - i + _items.Length) % _items.Length));
        }

        return list;
    }

    public List<TView> OldestFirst()
    {
        var list = new List<TView>(Count);
        for (int i = Count; i >= 1; i--)
        {
            list.Add(ViewAt((_next - i + _items.Length) % _items.Length));
        }

        return list;
    }

    private TView ViewAt(int slot) => _views[slot] ??= view(_items[slot]);
}
