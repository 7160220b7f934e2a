using System.Net.WebSockets;
using FlashTrader.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Mexc.WebSocket;

/// <summary>
/// MEXC spot v3 market-data WebSocket client on <see cref="ClientWebSocket"/>. Spreads the channels over connections of
/// at most <see cref="MexcWebSocketOptions.MaxChannelsPerConnection"/> subscriptions each; per connection it subscribes,
/// pings, drops a stale feed and reconnects with jittered exponential backoff (resubscribing), and replaces the
/// connection before MEXC's 24 h limit by opening the new one first. Binary frames go to the handler one at a time,
/// from pooled receive buffers; JSON text replies are acks, pongs and refusals.
/// </summary>
public sealed class MexcWebSocketClient : IAsyncDisposable
{
    private readonly IMexcFrameHandler _handler;
    private readonly ILogger _logger;
    private readonly Func<ClientWebSocket> _socketFactory;
    private readonly SemaphoreSlim _deliver = new(1, 1);
    private readonly ChannelHandoff _handoff;
    private readonly Lock _randomGate = new();
    private readonly Random _random;
    private readonly List<ConnectionGroup> _groups = [];
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
    private readonly List<string> _refused = [];
    private long _connectionIds;
    private long _requestIds;
    private long _connects;
    private long _reconnects;
    private long _rotations;
    private long _staleDisconnects;
    private long _scheduledReconnects;
    private long _pings;
    private long _pongs;
    private long _frames;
    private long _bytes;
    private long _unreadableReplies;
    private long _errorReplies;

    public MexcWebSocketClient(
        Uri url,
        IReadOnlyList<string> channels,
        MexcWebSocketOptions options,
        IMexcFrameHandler handler,
        TimeProvider time,
        ILogger logger,
        Func<ClientWebSocket>? socketFactory = null,
        Random? random = null)
    {
        if (channels.Count == 0)
        {
            throw new ArgumentException("no channels to subscribe to", nameof(channels));
        }

        Url = url;
        Options = options;
        Time = time;
        _handler = handler;
        _logger = logger;
        _socketFactory = socketFactory ?? (() => new ClientWebSocket());
        _random = random ?? new Random();
        _handoff = new ChannelHandoff(channels);
        Channels = channels;
        for (int start = 0; start < channels.Count; start += options.MaxChannelsPerConnection)
        {
            int end = Math.Min(channels.Count, start + options.MaxChannelsPerConnection);
            _groups.Add(new ConnectionGroup(this, _groups.Count, [.. channels.Skip(start).Take(end - start)]));
        }
    }

    public Uri Url { get; }

    public IReadOnlyList<string> Channels { get; }

    public MexcWebSocketOptions Options { get; }

    public TimeProvider Time { get; }

    /// <summary>Connections kept open at once in the steady state (channels / MaxChannelsPerConnection, rounded up).</summary>
    public int ConnectionCount => _groups.Count;

    /// <summary>Successful connects, the first ones included.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Connects that replaced a lost or stale connection.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Connections replaced ahead of MEXC's 24 h limit.</summary>
    public long Rotations => Interlocked.Read(ref _rotations);

    public long StaleDisconnects => Interlocked.Read(ref _staleDisconnects);

    /// <summary>Backoff waits started before a reconnect.</summary>
    public long ScheduledReconnects => Interlocked.Read(ref _scheduledReconnects);

    /// <summary>The backoff chosen for the most recent reconnect.</summary>
    public TimeSpan LastReconnectDelay { get; private set; }

    public long PingsSent => Interlocked.Read(ref _pings);

    public long PongsReceived => Interlocked.Read(ref _pongs);

    /// <summary>Binary frames handed to the handler.</summary>
    public long FramesDelivered => Interlocked.Read(ref _frames);

    public long BytesDelivered => Interlocked.Read(ref _bytes);

    /// <summary>Frames dropped because both connections of a rotation delivered them.</summary>
    public long DuplicateFrames => _handoff.Duplicates;

    public long UnreadableReplies => Interlocked.Read(ref _unreadableReplies);

    public long ErrorReplies => Interlocked.Read(ref _errorReplies);

    /// <summary>Channels MEXC acknowledged (at least once).</summary>
    public IReadOnlyCollection<string> AcknowledgedChannels
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }
    }

    public IReadOnlyList<string> RefusedChannels
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _refused];
            }
        }
    }

    /// <summary>Runs every connection until <paramref name="cancellationToken"/> is cancelled; reconnects on its own.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Task[] groups = [.. _groups.Select(g => g.RunAsync(cancellationToken))];
        await Task.WhenAll(groups).ConfigureAwait(false);
    }

    /// <summary>Stops receiving a channel (an UNSUBSCRIPTION on the connection that carries it); a later reconnect does not resubscribe it.</summary>
    public async Task UnsubscribeAsync(string channel)
    {
        foreach (ConnectionGroup group in _groups)
        {
            if (group.Remove(channel) is MexcConnection connection)
            {
                await connection.UnsubscribeAsync(channel).ConfigureAwait(false);
                return;
            }
        }

        throw new ArgumentException($"channel '{channel}' is not subscribed", nameof(channel));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ConnectionGroup group in _groups)
        {
            await group.DisposeAsync().ConfigureAwait(false);
        }

        _deliver.Dispose();
    }

    internal ClientWebSocket CreateSocket() => _socketFactory();

    internal long NextRequestId() => Interlocked.Increment(ref _requestIds);

    internal long NextConnectionId() => Interlocked.Increment(ref _connectionIds);

    internal long UnixNanoseconds() => (Time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    internal void CountPing() => Interlocked.Increment(ref _pings);

    internal async ValueTask DeliverAsync(MexcConnection connection, ReadOnlyMemory<byte> frame, long receivedNs, CancellationToken cancellationToken)
    {
        await _deliver.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_handoff.Accept(connection.Id, frame.Span))
            {
                _frames++;
                _bytes += frame.Length;
                await _handler.OnFrameAsync(frame, receivedNs, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _deliver.Release();
        }
    }

    internal bool OwnsAll(MexcConnection connection, IReadOnlyList<int> channels)
    {
        _deliver.Wait();
        try
        {
            return _handoff.OwnsAll(connection.Id, channels);
        }
        finally
        {
            _deliver.Release();
        }
    }

    internal int ChannelIndex(string channel) => _handoff.IndexOf(channel);

    internal void OnControlReply(MexcConnection connection, in MexcControlReply reply)
    {
        switch (reply.Kind)
        {
            case MexcControlReplyKind.Pong:
                Interlocked.Increment(ref _pongs);
                break;
            case MexcControlReplyKind.Ack:
                lock (_acknowledged)
                {
                    if (reply.Channel.Length > 0)
                    {
                        _acknowledged.Add(reply.Channel);
                    }
                }

                _logger.LogDebug("MEXC WebSocket #{Connection}: subscribed {Channel}", connection.Id, reply.Channel.Length > 0 ? reply.Channel : "(duplicate subscription)");
                break;
            case MexcControlReplyKind.Refused:
                var refusal = new MexcSubscriptionRefusedException(reply.Channel, reply.Message);
                lock (_acknowledged)
                {
                    _refused.Add(reply.Channel);
                }

                _logger.LogError("MEXC WebSocket #{Connection}: {Error}", connection.Id, refusal.Message);
                _handler.OnSubscriptionRefused(refusal);
                break;
            case MexcControlReplyKind.Error:
                Interlocked.Increment(ref _errorReplies);
                _logger.LogWarning("MEXC WebSocket #{Connection}: error reply code {Code}: {Message}", connection.Id, reply.Code, reply.Message);
                break;
            default:
                if (Interlocked.Increment(ref _unreadableReplies) <= 10)
                {
                    _logger.LogWarning("MEXC WebSocket #{Connection}: unreadable text reply: {Reply}", connection.Id, reply.Message);
                }

                break;
        }
    }

    internal void OnReconnectScheduled(int group, TimeSpan delay, int attempt)
    {
        lock (_randomGate)
        {
            LastReconnectDelay = delay;
        }

        Interlocked.Increment(ref _scheduledReconnects);
        _logger.LogInformation("MEXC WebSocket group {Group}: reconnecting in {Delay} ms (attempt {Attempt})", group, (long)delay.TotalMilliseconds, attempt);
    }

    internal void OnStale(MexcConnection connection, TimeSpan idle)
    {
        Interlocked.Increment(ref _staleDisconnects);
        _logger.LogWarning("MEXC WebSocket #{Connection}: no data for {Idle} s (stale feed): reconnecting", connection.Id, idle.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
    }

    internal void OnConnected(MexcConnection connection, bool replacesLost)
    {
        Interlocked.Increment(ref _connects);
        if (replacesLost)
        {
            Interlocked.Increment(ref _reconnects);
        }

        _logger.LogInformation("MEXC WebSocket #{Connection} connected to {Url}: {Count} channels", connection.Id, Url, connection.Channels.Count);
    }

    internal void OnRotated(MexcConnection old, MexcConnection replacement)
    {
        Interlocked.Increment(ref _rotations);
        _logger.LogInformation("MEXC WebSocket #{Old} replaced by #{New} ahead of the 24 h limit", old.Id, replacement.Id);
    }

    internal ILogger Logger => _logger;

    /// <summary>Backoff before reconnect attempt <paramref name="attempt"/> (0-based): initial × 2^attempt capped at the maximum, then ±50 % jitter so many clients do not reconnect in step.</summary>
    internal TimeSpan Backoff(int attempt, int initialMs, int maxMs)
    {
        double capped = Math.Min(maxMs, initialMs * Math.Pow(2, Math.Min(attempt, 30)));
        double factor;
        lock (_randomGate)
        {
            factor = 0.5 + _random.NextDouble();
        }

        return TimeSpan.FromMilliseconds(Math.Max(1, capped * factor));
    }
}
