using FlashTrader.Mexc.Simulator.Market;

namespace FlashTrader.Mexc.Simulator.Streams;

/// <summary>The outcome of one channel in a SUBSCRIPTION request.</summary>
internal enum SubscribeOutcome
{
    Subscribed,
    Duplicate,
    Blocked,
    LimitReached,
}

/// <summary>
/// Every channel the simulator serves (built once from the symbols: MEXC's public pb channels and the three private
/// ones), the open connections, and the fan-out of encoded frames to subscribers.
/// </summary>
internal sealed class PushHub
{
    public static readonly int[] AggregationWindowsMs = [10, 100];
    public static readonly int[] LimitDepthLevels = [5, 10, 20];

    private readonly Dictionary<string, PushTopic> _topics = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<StreamConnection> _connections = [];

    public PushHub(IReadOnlyList<SimulatedSymbol> symbols)
    {
        foreach (SimulatedSymbol s in symbols)
        {
            var perSymbol = new SymbolTopics();
            foreach (int window in AggregationWindowsMs)
            {
                perSymbol.Deals.Add(Add(new PushTopic($"spot@public.aggre.deals.v3.api.pb@{window}ms@{s.Name}", TopicKind.Deals, s.Id, window)));
                perSymbol.Depth.Add(Add(new PushTopic($"spot@public.aggre.depth.v3.api.pb@{window}ms@{s.Name}", TopicKind.Depth, s.Id, window)));
                perSymbol.BookTicker.Add(Add(new PushTopic($"spot@public.aggre.bookTicker.v3.api.pb@{window}ms@{s.Name}", TopicKind.BookTicker, s.Id, window)));
            }

            foreach (int levels in LimitDepthLevels)
            {
                perSymbol.LimitDepth.Add(Add(new PushTopic($"spot@public.limit.depth.v3.api.pb@{s.Name}@{levels}", TopicKind.LimitDepth, s.Id, levels)));
            }

            foreach ((string rest, string stream) in KlineIntervals.All)
            {
                perSymbol.Klines.Add(Add(new PushTopic($"spot@public.kline.v3.api.pb@{s.Name}@{stream}", TopicKind.Kline, s.Id, 0, rest)));
            }

            BySymbol.Add(perSymbol);
        }

        PrivateOrders = Add(new PushTopic("spot@private.orders.v3.api.pb", TopicKind.PrivateOrders, -1, 0));
        PrivateDeals = Add(new PushTopic("spot@private.deals.v3.api.pb", TopicKind.PrivateDeals, -1, 0));
        PrivateAccount = Add(new PushTopic("spot@private.account.v3.api.pb", TopicKind.PrivateAccount, -1, 0));
    }

    public List<SymbolTopics> BySymbol { get; } = [];

    public PushTopic PrivateOrders { get; }

    public PushTopic PrivateDeals { get; }

    public PushTopic PrivateAccount { get; }

    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    /// <summary>Pushes delivered to sockets, over all connections (for the throughput figure).</summary>
    public long PushesSent => Interlocked.Read(ref _pushesSent);

    private long _pushesSent;

    internal void CountSent() => Interlocked.Increment(ref _pushesSent);

    public bool TryGetTopic(string name, out PushTopic topic) => _topics.TryGetValue(name, out topic!);

    public void Register(StreamConnection connection)
    {
        lock (_gate)
        {
            _connections.Add(connection);
        }
    }

    public void Unregister(StreamConnection connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
        }

        foreach (PushTopic topic in _topics.Values)
        {
            if (Array.IndexOf(topic.Subscribers, connection) >= 0)
            {
                topic.Remove(connection);
            }
        }
    }

    public StreamConnection[] Connections()
    {
        lock (_gate)
        {
            return [.. _connections];
        }
    }

    /// <summary>Sends one frame to every subscriber of <paramref name="topic"/>, waiting while a subscriber's queue is full.</summary>
    public async ValueTask PublishAsync(PushTopic topic, OutboundFrame frame, CancellationToken cancellationToken)
    {
        foreach (StreamConnection connection in topic.Subscribers)
        {
            await connection.EnqueueAsync(frame, cancellationToken).ConfigureAwait(false);
        }
    }

    private PushTopic Add(PushTopic topic)
    {
        _topics.Add(topic.Name, topic);
        return topic;
    }

    /// <summary>The channels of one symbol, by kind; index 0 is the 10 ms window (or 5 levels), then 100 ms (10, 20).</summary>
    internal sealed class SymbolTopics
    {
        public List<PushTopic> Deals { get; } = [];

        public List<PushTopic> Depth { get; } = [];

        public List<PushTopic> BookTicker { get; } = [];

        public List<PushTopic> LimitDepth { get; } = [];

        public List<PushTopic> Klines { get; } = [];
    }
}

/// <summary>One frame queued for a connection: a binary push or a JSON text reply. The bytes are shared, never changed.</summary>
internal readonly record struct OutboundFrame(byte[] Data, bool IsText);
