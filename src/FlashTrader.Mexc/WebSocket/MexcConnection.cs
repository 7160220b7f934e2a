using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace FlashTrader.Mexc.WebSocket;

/// <summary>
/// One WebSocket connection of a <see cref="MexcWebSocketClient"/>: connects, subscribes its channels, pings, watches
/// for a stale feed, and reads messages into a pooled buffer until it closes, fails or is aborted.
/// </summary>
internal sealed class MexcConnection : IAsyncDisposable
{
    /// <summary>No MEXC push comes near this; a larger message means a broken peer.</summary>
    private const int MaxMessageBytes = 16 * 1024 * 1024;

    private static readonly byte[] PingMessage = "{\"method\":\"PING\"}"u8.ToArray();

    private readonly MexcWebSocketClient _client;
    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop;
    private ITimer? _pingTimer;
    private ITimer? _staleTimer;
    private long _lastDataTimestamp;
    private int _stale;
    private int _disposed;

    public MexcConnection(MexcWebSocketClient client, long id, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        _client = client;
        Id = id;
        Channels = channels;
        _socket = client.CreateSocket();
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public long Id { get; }

    public IReadOnlyList<string> Channels { get; }

    /// <summary>Set once a binary data frame has arrived on this connection.</summary>
    public bool HasReceivedData { get; private set; }

    /// <summary>True when it was dropped for not delivering data within the stale timeout.</summary>
    public bool WentStale => Volatile.Read(ref _stale) != 0;

    public async Task ConnectAsync()
    {
        TimeProvider time = _client.Time;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        using ITimer connectTimer = time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), timeout, TimeSpan.FromMilliseconds(_client.Options.ConnectTimeoutMs), Timeout.InfiniteTimeSpan);
        try
        {
            await _socket.ConnectAsync(_client.Url, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            throw new TimeoutException($"connecting to {_client.Url} timed out after {_client.Options.ConnectTimeoutMs} ms");
        }

        Volatile.Write(ref _lastDataTimestamp, time.GetTimestamp());
        await SendAsync(SubscriptionJson("SUBSCRIPTION", Channels, _client.NextRequestId())).ConfigureAwait(false);
        TimeSpan ping = TimeSpan.FromMilliseconds(_client.Options.PingIntervalMs);
        _pingTimer = time.CreateTimer(static s => ((MexcConnection)s!).Ping(), this, ping, ping);
        TimeSpan check = TimeSpan.FromMilliseconds(Math.Max(1, _client.Options.StaleTimeoutMs / 4));
        _staleTimer = time.CreateTimer(static s => ((MexcConnection)s!).CheckStale(), this, check, check);
    }

    public Task UnsubscribeAsync(string channel) => SendAsync(SubscriptionJson("UNSUBSCRIPTION", [channel], _client.NextRequestId()));

    /// <summary>Reads until the server closes, the socket fails, or the connection is stopped; returns normally only on a close.</summary>
    public async Task ReceiveAsync()
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            CancellationToken stop = _stop.Token;
            while (true)
            {
                int count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        if (buffer.Length >= MaxMessageBytes)
                        {
                            throw new WebSocketException(WebSocketError.HeaderError, $"a message longer than {MaxMessageBytes} bytes");
                        }

                        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, count).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), stop).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    count += result.Count;
                }
                while (!result.EndOfMessage);

                long receivedNs = _client.UnixNanoseconds();
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Volatile.Write(ref _lastDataTimestamp, _client.Time.GetTimestamp());
                    HasReceivedData = true;
                    await _client.DeliverAsync(this, buffer.AsMemory(0, count), receivedNs, stop).ConfigureAwait(false);
                }
                else
                {
                    _client.OnControlReply(this, MexcControlReply.Parse(buffer.AsSpan(0, count)));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Ends the connection politely (used when a replacement has taken over).</summary>
    public async Task CloseAsync()
    {
        StopTimers();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "rotated", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer may already be gone; the socket is aborted below either way.
        }

        Abort();
    }

    public void Abort()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        StopTimers();
        _stop.Cancel();
        _socket.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Abort();
        if (_pingTimer is not null)
        {
            await _pingTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (_staleTimer is not null)
        {
            await _staleTimer.DisposeAsync().ConfigureAwait(false);
        }

        _socket.Dispose();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private void StopTimers()
    {
        _pingTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _staleTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void Ping() => _ = PingAsync();

    private async Task PingAsync()
    {
        try
        {
            await SendAsync(PingMessage).ConfigureAwait(false);
            _client.CountPing();
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // A failed ping means a dead socket: the receive loop sees it and the client reconnects.
        }
    }

    private void CheckStale()
    {
        long idle = _client.Time.GetElapsedTime(Volatile.Read(ref _lastDataTimestamp)).Ticks;
        if (idle >= TimeSpan.FromMilliseconds(_client.Options.StaleTimeoutMs).Ticks && Interlocked.Exchange(ref _stale, 1) == 0)
        {
            _client.OnStale(this, TimeSpan.FromTicks(idle));
            Abort();
        }
    }

    private async Task SendAsync(byte[] message)
    {
        await _sendLock.WaitAsync(_stop.Token).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, _stop.Token).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    internal static byte[] SubscriptionJson(string method, IReadOnlyList<string> channels, long id)
    {
        var json = new StringBuilder("{\"method\":\"").Append(method).Append("\",\"params\":[");
        for (int i = 0; i < channels.Count; i++)
        {
            json.Append(i == 0 ? "\"" : ",\"").Append(System.Text.Json.JsonEncodedText.Encode(channels[i]).ToString()).Append('"');
        }

        return Encoding.UTF8.GetBytes(json.Append("],\"id\":").Append(id).Append('}').ToString());
    }
}
