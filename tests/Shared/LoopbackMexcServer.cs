using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace FlashTrader.Tests.Shared;

/// <summary>
/// A MEXC look-alike on 127.0.0.1 (HttpListener, on a free port) that speaks the spot v3 WebSocket control protocol
/// (SUBSCRIPTION acks, PONG, "Blocked" refusals) and serves GET /api/v3/depth from <see cref="DepthResponder"/>.
/// Tests push binary frames to the connections subscribed to a channel. (HttpListener rather than Kestrel: a test
/// project referencing the ASP.NET Core shared framework stops copying Microsoft.Extensions assemblies the
/// end-to-end tests' copy of the executable needs.)
/// </summary>
public sealed class LoopbackMexcServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly List<ServerConnection> _connections = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;
    private int _depthRequests;

    private LoopbackMexcServer(HttpListener listener) => _listener = listener;

    public Uri WsUrl { get; private set; } = null!;

    public Uri RestUrl { get; private set; } = null!;

    /// <summary>Channels answered with MEXC's "Blocked" refusal.</summary>
    public ConcurrentDictionary<string, bool> BlockedChannels { get; } = new(StringComparer.Ordinal);

    public bool AnswerPings { get; set; } = true;

    /// <summary>The JSON body for GET /api/v3/depth?symbol=S&amp;limit=N (null: 400 with a MEXC error body).</summary>
    public Func<string, int, string?> DepthResponder { get; set; } = (_, _) => null;

    public int DepthRequests => Volatile.Read(ref _depthRequests);

    public IReadOnlyList<ServerConnection> Connections
    {
        get
        {
            lock (_connections)
            {
                return [.. _connections];
            }
        }
    }

    public IReadOnlyList<ServerConnection> OpenConnections => [.. Connections.Where(c => c.IsOpen)];

    public static Task<LoopbackMexcServer> StartAsync()
    {
        for (int attempt = 0; ; attempt++)
        {
            int port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and binding: try another.
                listener.Close();
                continue;
            }

            var server = new LoopbackMexcServer(listener)
            {
                RestUrl = new Uri($"http://127.0.0.1:{port}"),
                WsUrl = new Uri($"ws://127.0.0.1:{port}/ws"),
            };
            server._accepting = Task.Run(server.AcceptLoopAsync);
            return Task.FromResult(server);
        }
    }

    /// <summary>Sends a binary frame on every open connection subscribed to <paramref name="channel"/>; returns how many got it.</summary>
    public async Task<int> PushAsync(string channel, byte[] frame)
    {
        int sent = 0;
        foreach (ServerConnection c in OpenConnections.Where(c => c.IsSubscribed(channel)))
        {
            if (await c.SendBinaryAsync(frame).ConfigureAwait(false))
            {
                sent++;
            }
        }

        return sent;
    }

    /// <summary>Polls <paramref name="condition"/> (real time) until it holds; fails the test with <paramref name="what"/> after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int timeoutMs = 10_000)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (started.ElapsedMilliseconds > timeoutMs)
            {
                throw new TimeoutException($"timed out after {timeoutMs} ms waiting for {what}");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (ServerConnection c in Connections)
        {
            c.Abort();
            c.Dispose();
        }

        _listener.Close();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
        {
            // Closing the listener ends the accept loop.
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        string path = context.Request.Url!.AbsolutePath;
        if (path == "/ws" && context.Request.IsWebSocketRequest)
        {
            HttpListenerWebSocketContext ws = await context.AcceptWebSocketAsync(subProtocol: null);
            ServerConnection connection;
            lock (_connections)
            {
                connection = new ServerConnection(this, _connections.Count + 1, ws.WebSocket, context.Response.Abort);
                _connections.Add(connection);
            }

            await connection.ServeAsync(_stop.Token);
            return;
        }

        using HttpListenerResponse response = context.Response;
        if (path == "/api/v3/depth")
        {
            Interlocked.Increment(ref _depthRequests);
            string symbol = context.Request.QueryString["symbol"] ?? string.Empty;
            int limit = int.TryParse(context.Request.QueryString["limit"], out int l) ? l : 100;
            string? body = DepthResponder(symbol, limit);
            response.StatusCode = body is null ? 400 : 200;
            byte[] bytes = Encoding.UTF8.GetBytes(body ?? "{\"code\":30014,\"msg\":\"Invalid symbol.\"}");
            response.ContentType = "application/json";
            await response.OutputStream.WriteAsync(bytes);
            return;
        }

        response.StatusCode = 404;
    }

    /// <summary>One client connection as the server sees it.</summary>
    public sealed class ServerConnection(LoopbackMexcServer server, int number, System.Net.WebSockets.WebSocket socket, Action dropTransport) : IDisposable
    {
        private readonly SemaphoreSlim _send = new(1, 1);
        private readonly List<string> _subscriptions = [];
        private readonly ConcurrentQueue<string> _received = new();
        private int _pings;
        private volatile bool _open = true;

        /// <summary>1 for the first connection the server accepted, and so on.</summary>
        public int Number => number;

        public bool IsOpen => _open;

        public int Pings => Volatile.Read(ref _pings);

        /// <summary>Every text message the client sent, in order.</summary>
        public IReadOnlyList<string> Received => [.. _received];

        public IReadOnlyList<string> Subscriptions
        {
            get
            {
                lock (_subscriptions)
                {
                    return [.. _subscriptions];
                }
            }
        }

        public bool IsSubscribed(string channel)
        {
            lock (_subscriptions)
            {
                return _subscriptions.Contains(channel);
            }
        }

        public async Task<bool> SendBinaryAsync(byte[] frame) => await SendAsync(frame, WebSocketMessageType.Binary).ConfigureAwait(false);

        public async Task<bool> SendTextAsync(string text) => await SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text).ConfigureAwait(false);

        public void Dispose() => _send.Dispose();

        /// <summary>Drops the connection without a close handshake (the TCP connection goes too).</summary>
        public void Abort()
        {
            _open = false;
            socket.Abort();
            dropTransport();
        }

        internal async Task ServeAsync(CancellationToken aborted)
        {
            byte[] buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, aborted).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _open = false;
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                        return;
                    }

                    string text = Encoding.UTF8.GetString(buffer, 0, result.Count);
                    _received.Enqueue(text);
                    await AnswerAsync(text).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the test aborted the connection.
            }
            finally
            {
                _open = false;
            }
        }

        private async Task AnswerAsync(string text)
        {
            using JsonDocument json = JsonDocument.Parse(text);
            string method = json.RootElement.GetProperty("method").GetString()!;
            if (method == "PING")
            {
                Interlocked.Increment(ref _pings);
                if (server.AnswerPings)
                {
                    await SendTextAsync("{\"id\":0,\"code\":0,\"msg\":\"PONG\"}").ConfigureAwait(false);
                }

                return;
            }

            foreach (JsonElement p in json.RootElement.GetProperty("params").EnumerateArray())
            {
                string channel = p.GetString()!;
                if (method == "SUBSCRIPTION" && server.BlockedChannels.ContainsKey(channel))
                {
                    await SendTextAsync($"{{\"id\":0,\"code\":0,\"msg\":\"Not Subscribed successfully! [{channel}].  Reason： Blocked! \"}}").ConfigureAwait(false);
                    continue;
                }

                lock (_subscriptions)
                {
                    if (method == "SUBSCRIPTION")
                    {
                        _subscriptions.Add(channel);
                    }
                    else
                    {
                        _subscriptions.Remove(channel);
                    }
                }

                await SendTextAsync($"{{\"id\":0,\"code\":0,\"msg\":\"{channel}\"}}").ConfigureAwait(false);
            }
        }

        private async Task<bool> SendAsync(byte[] message, WebSocketMessageType type)
        {
            await _send.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!_open || socket.State != WebSocketState.Open)
                {
                    return false;
                }

                await socket.SendAsync(message, type, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException or IOException)
            {
                // The client has gone (e.g. a broken pipe once it exited).
                _open = false;
                return false;
            }
            finally
            {
                _send.Release();
            }
        }
    }
}
