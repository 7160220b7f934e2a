using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Tests.Shared;

/// <summary>
/// A MEXC look-alike on 127.0.0.1 (Kestrel, port chosen by the OS) that speaks the spot v3 WebSocket control protocol
/// (SUBSCRIPTION acks, PONG, "Blocked" refusals) and serves GET /api/v3/depth from <see cref="DepthResponder"/>.
/// Tests push binary frames to the connections subscribed to a channel.
/// </summary>
public sealed class LoopbackMexcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ServerConnection> _connections = [];
    private int _depthRequests;

    private LoopbackMexcServer(WebApplication app) => _app = app;

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

    public static async Task<LoopbackMexcServer> StartAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var server = new LoopbackMexcServer(app);
        app.UseWebSockets();
        app.Map("/ws", server.AcceptAsync);
        app.MapGet("/api/v3/depth", (HttpContext context) =>
        {
            Interlocked.Increment(ref server._depthRequests);
            string symbol = context.Request.Query["symbol"].ToString();
            int limit = int.TryParse(context.Request.Query["limit"].ToString(), out int l) ? l : 100;
            string? body = server.DepthResponder(symbol, limit);
            return body is null
                ? Results.Content("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", "application/json", Encoding.UTF8, 400)
                : Results.Content(body, "application/json");
        });
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var http = new Uri(address);
        server.RestUrl = new Uri($"http://127.0.0.1:{http.Port}");
        server.WsUrl = new Uri($"ws://127.0.0.1:{http.Port}/ws");
        return server;
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
        foreach (ServerConnection c in Connections)
        {
            c.Abort();
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }

        using System.Net.WebSockets.WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        ServerConnection connection;
        lock (_connections)
        {
            connection = new ServerConnection(this, _connections.Count + 1, socket);
            _connections.Add(connection);
        }

        await connection.ServeAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>One client connection as the server sees it.</summary>
    public sealed class ServerConnection(LoopbackMexcServer server, int number, System.Net.WebSockets.WebSocket socket) : IDisposable
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

        public void Abort()
        {
            _open = false;
            socket.Abort();
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
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
            {
                return false;
            }
            finally
            {
                _send.Release();
            }
        }
    }
}
