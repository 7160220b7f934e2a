using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using FlashTrader.Mexc.Simulator.Faults;

namespace FlashTrader.Mexc.Simulator.Streams;

/// <summary>
/// One client WebSocket: reads SUBSCRIPTION / UNSUBSCRIPTION / PING (JSON text) and answers as MEXC does, sends the
/// pushes of its channels from a bounded queue (the replay waits when it is full: market data is never dropped), and
/// enforces MEXC's limits: 30 subscriptions, a disconnect after a grace period without any subscription, after an idle
/// period without client messages, and at the end of the connection's lifetime. Connection faults act here too.
/// </summary>
internal sealed class StreamConnection : IDisposable
{
    private const int QueueCapacity = 4096;

    private readonly System.Net.WebSockets.WebSocket _socket;
    private readonly PushHub _hub;
    private readonly SimulatorOptions _options;
    private readonly SimulatorFaults _faults;
    private readonly Channel<OutboundFrame> _queue = Channel.CreateBounded<OutboundFrame>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly HashSet<PushTopic> _subscriptions = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random;
    private readonly long _openedAt = Stopwatch.GetTimestamp();
    private long _lastClientMessageAt;
    private long _subscriptionsEmptySince;
    private string? _closeReason;

    public StreamConnection(long number, System.Net.WebSockets.WebSocket socket, bool hasListenKey, PushHub hub, SimulatorOptions options, SimulatorFaults faults)
    {
        Number = number;
        _socket = socket;
        HasListenKey = hasListenKey;
        _hub = hub;
        _options = options;
        _faults = faults;
        _random = faults.ConnectionRandom(number);
        _lastClientMessageAt = _openedAt;
        _subscriptionsEmptySince = _openedAt;
    }

    public long Number { get; }

    public bool HasListenKey { get; }

    /// <summary>Why the server ended the connection (null while open or when the client closed it).</summary>
    public string? CloseReason => _closeReason;

    public async Task RunAsync(CancellationToken serverStopping)
    {
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(serverStopping, _stop.Token);
        _hub.Register(this);
        Task send = SendLoopAsync(linked.Token);
        Task watch = WatchLoopAsync(linked.Token);
        try
        {
            await ReceiveLoopAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The connection ended (client gone, fault, or server stopping): nothing more to do with it.
        }
        finally
        {
            _hub.Unregister(this);
            _queue.Writer.TryComplete();
            await _stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(send, watch).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stop.Dispose();

    /// <summary>Queues a frame; waits while the queue is full. A frame for a closed connection is discarded.</summary>
    public async ValueTask EnqueueAsync(OutboundFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
        }
    }

    /// <summary>Ends the connection: abruptly (a network drop: no close frame) or with a normal close frame.</summary>
    public void End(string reason, bool abrupt)
    {
        _closeReason ??= reason;
        if (abrupt)
        {
            _socket.Abort();
            try
            {
                _stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }

            return;
        }

        // The send loop drains what is queued, then sends the close frame (one writer per socket).
        _queue.Writer.TryComplete();
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[16 * 1024];
        while (!cancellationToken.IsCancellationRequested)
        {
            int length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                result = await _socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            Interlocked.Exchange(ref _lastClientMessageAt, Stopwatch.GetTimestamp());
            if (result.MessageType == WebSocketMessageType.Text)
            {
                await HandleClientMessageAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task HandleClientMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        string method;
        long id;
        List<string> channels = [];
        try
        {
            using JsonDocument doc = JsonDocument.Parse(message);
            JsonElement root = doc.RootElement;
            method = root.TryGetProperty("method", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
            id = root.TryGetProperty("id", out JsonElement i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt64(out long n) ? n : 0;
            if (root.TryGetProperty("params", out JsonElement p) && p.ValueKind == JsonValueKind.Array)
            {
                channels.AddRange(p.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
            }
        }
        catch (JsonException ex)
        {
            await ReplyAsync(0, $"Invalid message: not JSON ({ex.Message})", cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (method)
        {
            case "PING":
                await ReplyAsync(id, "PONG", cancellationToken).ConfigureAwait(false);
                break;
            case "SUBSCRIPTION":
                await SubscribeAsync(id, channels, cancellationToken).ConfigureAwait(false);
                break;
            case "UNSUBSCRIPTION":
                Unsubscribe(channels);
                await ReplyAsync(id, string.Join(',', channels), cancellationToken).ConfigureAwait(false);
                break;
            default:
                await ReplyAsync(id, $"Invalid message: unknown method '{method}' (expected SUBSCRIPTION, UNSUBSCRIPTION or PING)", cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task SubscribeAsync(long id, List<string> channels, CancellationToken cancellationToken)
    {
        var accepted = new List<string>();
        var refused = new List<string>();
        bool duplicateOnly = channels.Count > 0;
        foreach (string channel in channels)
        {
            SubscribeOutcome outcome = Subscribe(channel);
            switch (outcome)
            {
                case SubscribeOutcome.Subscribed:
                    accepted.Add(channel);
                    duplicateOnly = false;
                    break;
                case SubscribeOutcome.Duplicate:
                    break;
                case SubscribeOutcome.LimitReached:
                    duplicateOnly = false;
                    await ReplyAsync(id, $"Not Subscribed successfully! [{channel}].  Reason： Exceeded the limit of {_options.MaxSubscriptions} subscriptions per connection! ", cancellationToken).ConfigureAwait(false);
                    break;
                default:
                    duplicateOnly = false;
                    refused.Add(channel);
                    break;
            }
        }

        if (refused.Count > 0)
        {
            await ReplyAsync(id, $"Not Subscribed successfully! [{string.Join(',', refused)}].  Reason： Blocked! ", cancellationToken).ConfigureAwait(false);
        }

        if (accepted.Count > 0)
        {
            await ReplyAsync(id, string.Join(',', accepted), cancellationToken).ConfigureAwait(false);
        }
        else if (duplicateOnly)
        {
            // MEXC acknowledges a subscription the connection already has with an empty msg.
            await ReplyAsync(id, "", cancellationToken).ConfigureAwait(false);
        }
    }

    private SubscribeOutcome Subscribe(string channel)
    {
        if (!_hub.TryGetTopic(channel, out PushTopic topic) || (topic.IsPrivate && !HasListenKey))
        {
            return SubscribeOutcome.Blocked;
        }

        lock (_gate)
        {
            if (_subscriptions.Contains(topic))
            {
                return SubscribeOutcome.Duplicate;
            }

            if (_subscriptions.Count >= _options.MaxSubscriptions)
            {
                return SubscribeOutcome.LimitReached;
            }

            _subscriptions.Add(topic);
        }

        topic.Add(this);
        return SubscribeOutcome.Subscribed;
    }

    private void Unsubscribe(List<string> channels)
    {
        foreach (string channel in channels)
        {
            if (!_hub.TryGetTopic(channel, out PushTopic topic))
            {
                continue;
            }

            lock (_gate)
            {
                if (!_subscriptions.Remove(topic))
                {
                    continue;
                }

                if (_subscriptions.Count == 0)
                {
                    Interlocked.Exchange(ref _subscriptionsEmptySince, Stopwatch.GetTimestamp());
                }
            }

            topic.Remove(this);
        }
    }

    private ValueTask ReplyAsync(long id, string msg, CancellationToken cancellationToken)
    {
        return EnqueueAsync(new OutboundFrame(ControlReply.Encode(id, msg), IsText: true), cancellationToken);
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (OutboundFrame frame in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                ReadOnlyMemory<byte> data = frame.Data;
                if (!frame.IsText)
                {
                    await DelayAsync(cancellationToken).ConfigureAwait(false);
                    if (_faults.ShouldMalformPush())
                    {
                        // Cut inside the body: a length-delimited field that runs past the end of the frame.
                        data = data[..(data.Length / 2)];
                    }
                }

                await _socket.SendAsync(data, frame.IsText ? WebSocketMessageType.Text : WebSocketMessageType.Binary, true, cancellationToken).ConfigureAwait(false);
                if (!frame.IsText)
                {
                    _hub.CountSent();
                }
            }

            if (_closeReason is not null)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, _closeReason, timeout.Token).ConfigureAwait(false);

                // The reader ends when the client answers the close; one that never does is cut off (canceling a
                // WebSocket read aborts the socket, so it must not happen before the close frame is out).
                _stop.CancelAfter(TimeSpan.FromSeconds(2));
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // A connection that cannot be written to is over: stop the reader too.
            _socket.Abort();
        }
    }

    private Task DelayAsync(CancellationToken cancellationToken)
    {
        FaultPlan plan = _faults.Plan;
        if (plan.Delay <= TimeSpan.Zero && plan.Jitter <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        TimeSpan delay = plan.Delay + (plan.Jitter * _random.NextDouble());
        return Task.Delay(delay, cancellationToken);
    }

    /// <summary>Enforces the time limits (checked every few milliseconds, so short test limits stay precise).</summary>
    private async Task WatchLoopAsync(CancellationToken cancellationToken)
    {
        TimeSpan tick = TimeSpan.FromMilliseconds(Math.Clamp(_options.SubscriptionGrace.TotalMilliseconds / 20, 5, 250));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(tick, cancellationToken).ConfigureAwait(false);
                FaultPlan plan = _faults.Plan;
                TimeSpan open = Stopwatch.GetElapsedTime(_openedAt);
                if (plan.DropEvery is TimeSpan drop && open >= drop)
                {
                    _faults.CountDropped();
                    End("fault: connection dropped", abrupt: true);
                    return;
                }

                if (open >= (plan.ConnectionLifetime ?? _options.ConnectionLifetime))
                {
                    _faults.CountExpired();
                    End("connection lifetime exceeded", abrupt: false);
                    return;
                }

                bool unsubscribed;
                lock (_gate)
                {
                    unsubscribed = _subscriptions.Count == 0;
                }

                if (unsubscribed && Stopwatch.GetElapsedTime(Interlocked.Read(ref _subscriptionsEmptySince)) >= _options.SubscriptionGrace)
                {
                    End("no valid subscription", abrupt: false);
                    return;
                }

                if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastClientMessageAt)) >= _options.IdleTimeout)
                {
                    End("no client traffic", abrupt: false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
