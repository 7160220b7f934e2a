using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>
/// An in-process MEXC REST server on 127.0.0.1 (Kestrel, port 0). Routes answer with canned bodies or handlers; signed
/// routes check the request as MEXC does, independently of the client's code: the X-MEXC-APIKEY header, the
/// lowercase hex HMAC-SHA256 of the query (before &amp;signature=) followed by the body, and the timestamp against the
/// server's own clock (the test's manual clock plus <see cref="SkewMs"/>) and recvWindow.
/// </summary>
public sealed class MexcTestServer : IAsyncDisposable
{
    public const string ApiKey = "mx0vglTestApiKey000000000000";
    public const string Secret = "45d0b3c26f2644f19bfb98b07741b2f5";

    private readonly WebApplication _app;
    private readonly ManualClock _clock;
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private MexcTestServer(WebApplication app, ManualClock clock)
    {
        _app = app;
        _clock = clock;
        On("GET", "/api/v3/time", signed: false, _ => Task.FromResult(Reply.Json($"{{\"serverTime\":{ServerNowMs}}}")));
    }

    public delegate Task<Reply> Handler(RecordedRequest request);

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>How far the server's clock is ahead of the test's manual clock.</summary>
    public long SkewMs { get; set; }

    public long ServerNowMs => _clock.GetUtcNow().ToUnixTimeMilliseconds() + SkewMs;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<MexcTestServer> StartAsync(ManualClock clock)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        WebApplication app = builder.Build();
        var server = new MexcTestServer(app, clock);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUrl = new Uri(address);
        return server;
    }

    public void On(string method, string path, bool signed, Handler handler) => _routes[$"{method} {path}"] = new Route(signed, handler);

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with <paramref name="body"/> every time.</summary>
    public void Json(string method, string path, string body, bool signed = false) =>
        On(method, path, signed, _ => Task.FromResult(Reply.Json(body)));

    /// <summary>Answers with each reply in turn, repeating the last.</summary>
    public void Sequence(string method, string path, bool signed, params Reply[] replies)
    {
        int calls = -1;
        On(method, path, signed, _ => Task.FromResult(replies[Math.Min(Interlocked.Increment(ref calls), replies.Length - 1)]));
    }

    public int Count(string method, string path) => _requests.Count(r => r.Method == method && r.Path == path);

    public Task WaitForRequestsAsync(string method, string path, int count) =>
        Eventually.Async(() => Count(method, path) >= count, $"{count} x {method} {path} (seen {Count(method, path)})");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        string body = await reader.ReadToEndAsync();
        string query = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : "";
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            query,
            body,
            context.Request.Headers["X-MEXC-APIKEY"].ToString(),
            context.RequestAborted);
        _requests.Enqueue(request);

        Reply reply;
        if (!_routes.TryGetValue($"{request.Method} {request.Path}", out Route? route))
        {
            reply = Reply.Error(404, -1, $"no route {request.Method} {request.Path}");
        }
        else if (route.Signed && Verify(request) is { } refusal)
        {
            reply = refusal;
        }
        else
        {
            try
            {
                reply = await route.Handler(request);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up (timeout test)
            }
        }

        context.Response.StatusCode = reply.Status;
        if (reply.RetryAfterSeconds is { } after)
        {
            context.Response.Headers.RetryAfter = after.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.Body);
    }

    /// <summary>MEXC's checks of a signed request, in the doc's words; null when it passes.</summary>
    private Reply? Verify(RecordedRequest request)
    {
        if (request.ApiKey != ApiKey)
        {
            return Reply.Error(400, 400, "Api key info invalid");
        }

        int at = request.Query.LastIndexOf("&signature=", StringComparison.Ordinal);
        if (at < 0)
        {
            return Reply.Error(400, 700002, "Signature for this request is not valid.");
        }

        string signed = request.Query[..at];
        string signature = request.Query[(at + "&signature=".Length)..];
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(signed + request.Body));
        if (signature != Convert.ToHexStringLower(mac))
        {
            return Reply.Error(400, 700002, "Signature for this request is not valid.");
        }

        long timestamp = long.Parse(request.Parameter("timestamp") ?? "0", CultureInfo.InvariantCulture);
        long recvWindow = long.Parse(request.Parameter("recvWindow") ?? "5000", CultureInfo.InvariantCulture);
        long serverNow = ServerNowMs;
        if (!(timestamp < serverNow + 1000 && serverNow - timestamp <= recvWindow))
        {
            return Reply.Error(400, 700003, "Timestamp for this request is outside of the recvWindow.");
        }

        request.Verified = true;
        return null;
    }

    private sealed record Route(bool Signed, Handler Handler);
}

/// <summary>A canned answer: status, JSON body, optional Retry-After seconds.</summary>
public sealed record Reply(int Status, string Body, int? RetryAfterSeconds = null)
{
    public static Reply Json(string body) => new(200, body);

    public static Reply Error(int status, int code, string msg) => new(status, $"{{\"code\":{code},\"msg\":\"{msg}\"}}");
}

/// <summary>A request as the server received it.</summary>
public sealed class RecordedRequest(string method, string path, string query, string body, string apiKey, CancellationToken aborted)
{
    public string Method { get; } = method;

    public string Path { get; } = path;

    /// <summary>The raw query string, without the '?'.</summary>
    public string Query { get; } = query;

    public string Body { get; } = body;

    public string ApiKey { get; } = apiKey;

    /// <summary>Fires when the client drops the request (a client-side timeout).</summary>
    public CancellationToken Aborted { get; } = aborted;

    /// <summary>True when the server checked the key, signature and timestamp and accepted them.</summary>
    public bool Verified { get; set; }

    public string? Parameter(string name) =>
        Query.Split('&').Select(p => p.Split('=', 2)).Where(p => p[0] == name).Select(p => Uri.UnescapeDataString(p[1])).FirstOrDefault();
}
