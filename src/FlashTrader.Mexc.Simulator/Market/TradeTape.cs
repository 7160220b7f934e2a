namespace FlashTrader.Mexc.Simulator.Market;

/// <summary>The most recent replayed trades of one symbol (a ring: MEXC serves at most 1000).</summary>
internal sealed class TradeTape
{
    public const int Capacity = 1000;

    private readonly PublicTrade[] _ring = new PublicTrade[Capacity];
    private int _next;
    private int _count;

    public int Count => _count;

    public void Add(in PublicTrade trade)
    {
        _ring[_next] = trade;
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
    }

    /// <summary>The latest <paramref name="limit"/> trades, oldest first, optionally within [start, end] ms.</summary>
    public List<PublicTrade> Latest(int limit, long? startMs = null, long? endMs = null)
    {
        var result = new List<PublicTrade>(Math.Min(limit, _count));
        for (int i = 0; i < _count; i++)
        {
            PublicTrade t = _ring[(_next - _count + i + Capacity) % Capacity];
            if ((startMs is long s && t.TimeMs < s) || (endMs is long e && t.TimeMs > e))
            {
                continue;
            }

            result.Add(t);
        }

        return result.Count > limit ? result.GetRange(result.Count - limit, limit) : result;
    }
}
