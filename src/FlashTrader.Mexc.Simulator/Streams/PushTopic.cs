using System.Text;

namespace FlashTrader.Mexc.Simulator.Streams;

/// <summary>What a WebSocket channel carries.</summary>
internal enum TopicKind
{
    Deals,
    Depth,
    LimitDepth,
    BookTicker,
    Kline,
    PrivateOrders,
    PrivateDeals,
    PrivateAccount,
}

/// <summary>
/// One subscribable channel and its subscribers. The subscriber array is replaced, never changed in place, so the
/// replay reads it without a lock and without allocating.
/// </summary>
internal sealed class PushTopic
{
    private readonly Lock _gate = new();
    private volatile StreamConnection[] _subscribers = [];

    public PushTopic(string name, TopicKind kind, int symbolId, int parameter, string? klineInterval = null)
    {
        Name = name;
        Utf8Name = Encoding.UTF8.GetBytes(name);
        Kind = kind;
        SymbolId = symbolId;
        Parameter = parameter;
        KlineInterval = klineInterval;
    }

    public string Name { get; }

    public byte[] Utf8Name { get; }

    public TopicKind Kind { get; }

    /// <summary>-1 for the private channels.</summary>
    public int SymbolId { get; }

    /// <summary>Aggregation window in ms (deals, depth, bookTicker) or the level count (limit depth).</summary>
    public int Parameter { get; }

    /// <summary>The REST name of a kline channel's interval (1m .. 1M).</summary>
    public string? KlineInterval { get; }

    public bool IsPrivate => SymbolId < 0;

    public StreamConnection[] Subscribers => _subscribers;

    public bool HasSubscribers => _subscribers.Length > 0;

    public void Add(StreamConnection connection)
    {
        lock (_gate)
        {
            _subscribers = [.. _subscribers, connection];
        }
    }

    public void Remove(StreamConnection connection)
    {
        lock (_gate)
        {
            _subscribers = Array.FindAll(_subscribers, c => c != connection);
        }
    }
}
