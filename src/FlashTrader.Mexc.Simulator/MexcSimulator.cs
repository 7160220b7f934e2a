using System.Globalization;
using System.Net;
using FlashTrader.Core.Market;
using FlashTrader.Mexc.Simulator.Exchange;
using FlashTrader.Mexc.Simulator.Faults;
using FlashTrader.Mexc.Simulator.Market;
using FlashTrader.Mexc.Simulator.Rest;
using FlashTrader.Mexc.Simulator.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Mexc.Simulator;

/// <summary>
/// A local MEXC spot exchange on 127.0.0.1: REST under /api/v3 and the protobuf WebSocket at /ws, serving a recording
/// as the market and matching the account's orders against it. Start it with <see cref="StartAsync"/>; tests drive it
/// in-process (faults through <see cref="Faults"/>, the replay through <see cref="StartReplay"/>).
/// </summary>
public sealed class MexcSimulator : IAsyncDisposable
{
    private readonly SimulatedExchange _exchange;
    private readonly ReplayFeed _feed;
    private readonly CancellationTokenSource _stop = new();
    private WebApplication? _app;
    private Task? _replay;
    private long _connections;

    private MexcSimulator(SimulatorOptions options)
    {
        Options = options;
        Faults = new SimulatorFaults(options.Faults);
        _exchange = new SimulatedExchange(options, Faults);
        _feed = new ReplayFeed(_exchange);
        Faults.ConnectionFaultRaised += OnConnectionFault;
    }

    public SimulatorOptions Options { get; }

    /// <summary>Fault injection: the plan in force and one-shot triggers.</summary>
    public SimulatorFaults Faults { get; }

    public int Port { get; private set; }

    public Uri RestUrl => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public Uri WsUrl => new($"ws://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/ws");

    /// <summary>Completes when the recording has been replayed to its end (never with Loop).</summary>
    public Task ReplayCompleted => _feed.Completed;

    public long EventsReplayed => _feed.EventsReplayed;

    /// <summary>Passes over the recording completed so far.</summary>
    public long Loops => _feed.Loops;

    /// <summary>Binary pushes written to sockets so far, over all connections.</summary>
    public long PushesSent => _exchange.Hub.PushesSent;

    public int ConnectionCount => _exchange.Hub.ConnectionCount;

    public SimulatedAccount Account => _exchange.Account;

    /// <summary>Starts serving: books synced from the recording, then the HTTP listener; the replay starts unless AutoStart is off.</summary>
    public static async Task<MexcSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        var simulator = new MexcSimulator(options);
        try
        {
            await simulator.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return simulator;
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the replay (when created with AutoStart off).</summary>
    public void StartReplay() => _feed.Start();

    /// <summary>The served book of <paramref name="symbol"/>: its version and levels (best first), copied under the exchange lock.</summary>
    public (long LastUpdateId, List<PriceLevel> Bids, List<PriceLevel> Asks) BookOf(string symbol)
    {
        lock (_exchange.Gate)
        {
            if (!_exchange.TryGetSymbol(symbol, out SimulatedSymbol s))
            {
                throw new ArgumentException($"symbol {symbol} is not served", nameof(symbol));
            }

            var bids = new List<PriceLevel>(s.Book.BidCount);
            foreach (PriceLevel level in s.Book.BidsFromBest)
            {
                bids.Add(level);
            }

            var asks = new List<PriceLevel>(s.Book.AskCount);
            foreach (PriceLevel level in s.Book.AsksFromBest)
            {
                asks.Add(level);
            }

            return (s.Book.LastUpdateId, bids, asks);
        }
    }

    /// <summary>The orders placed so far (copied under the exchange lock).</summary>
    public List<SimOrder> Orders()
    {
        lock (_exchange.Gate)
        {
            return [.. _exchange.Engine.Orders];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        if (_replay is not null)
        {
            try
            {
                await _replay.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _replay = Task.Run(() => _feed.RunAsync(_stop.Token), CancellationToken.None);
        if (Options.AutoStart)
        {
            _feed.Start();
        }

        await Task.WhenAny(_feed.Synced, _replay).WaitAsync(cancellationToken).ConfigureAwait(false);
        await _feed.Synced.ConfigureAwait(false); // rethrows a replay that failed before the books were synced

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Options.Port));
        WebApplication app = builder.Build();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Use(RefuseByFaultAsync);
        PublicEndpoints.Map(app, _exchange);
        AccountEndpoints.Map(app, _exchange);
        app.Map("/ws", AcceptStreamAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
    }

    private async Task RefuseByFaultAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/api/v3", StringComparison.Ordinal))
        {
            int status = Faults.RequestRefusal(out int retryAfter);
            if (status != 0)
            {
                context.Response.StatusCode = status;
                if (status == 429)
                {
                    context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                }

                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(status == 429
                    ? "{\"code\":429,\"msg\":\"Too many requests\"}"
                    : "{\"code\":418,\"msg\":\"IP banned for repeated rate limit violations\"}").ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private async Task AcceptStreamAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("WebSocket only").ConfigureAwait(false);
            return;
        }

        string? listenKey = context.Request.Query["listenKey"];
        if (listenKey is not null && !_exchange.IsListenKeyValid(listenKey))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("{\"code\":400,\"msg\":\"listenKey does not exist or has expired\"}").ConfigureAwait(false);
            return;
        }

        using System.Net.WebSockets.WebSocket socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var connection = new StreamConnection(Interlocked.Increment(ref _connections), socket, listenKey is not null, _exchange.Hub, Options, Faults);
        await connection.RunAsync(_stop.Token).ConfigureAwait(false);
    }

    private void OnConnectionFault(ConnectionFault fault)
    {
        foreach (StreamConnection connection in _exchange.Hub.Connections())
        {
            if (fault == ConnectionFault.Drop)
            {
                Faults.CountDropped();
                connection.End("fault: connection dropped", abrupt: true);
            }
            else
            {
                Faults.CountExpired();
                connection.End("connection lifetime exceeded", abrupt: false);
            }
        }
    }
}
