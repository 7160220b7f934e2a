using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Mexc.Book;
using FlashTrader.Mexc.Rest.Json;
using FlashTrader.Mexc.Rest.Models;
using FlashTrader.Mexc.Signing;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using MexcErrorCode = FlashTrader.Core.Orders.MexcErrorCode;

namespace FlashTrader.Mexc.Rest;

/// <summary>
/// MEXC Spot V3 REST client on one pooled <see cref="HttpClient"/>. Every call returns a <see cref="MexcResult{T}"/>
/// (orders an <see cref="OrderPlacement"/>) instead of throwing. Around each request: the client-side rate budget
/// (429 Retry-After honoured, 418 bans fail fast), server-time offset tracking for signed calls (re-synced periodically
/// and on 700003), a per-attempt timeout, jittered exponential retries for idempotent GETs only, and one circuit
/// breaker for the whole client. Orders are never retried blindly: a lost answer is resolved by querying the order's
/// client order id. All timing runs on the injected <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
public sealed class MexcRestClient : IDepthSnapshotSource, IDisposable
{
    private const int MaxBodyBytes = 32 * 1024 * 1024;

    private static readonly string[] KlineIntervals = ["1m", "5m", "15m", "30m", "60m", "4h", "1d", "1W", "1M"];

    private readonly MexcOptions _options;
    private readonly MexcCredentials? _credentials;
    private readonly MexcRequestSigner? _signer;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly ResiliencePipeline<MexcResponse> _retry;
    private readonly ResiliencePipeline<MexcResponse> _breaker;
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private long _retries;

    /// <param name="options">Mexc configuration (RestUrl, budgets, timeouts, resilience).</param>
    /// <param name="credentials">API key and secret; null for public calls only (signed calls then fail with InvalidRequest).</param>
    /// <param name="timeProvider">Clock for timestamps, budgets, timeouts, retries and the breaker (default: system).</param>
    /// <param name="handler">Replaces the pooled <see cref="SocketsHttpHandler"/> (tests, proxies).</param>
    public MexcRestClient(MexcOptions options, MexcCredentials? credentials = null, TimeProvider? timeProvider = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _credentials = credentials;
        _signer = credentials is null ? null : new MexcRequestSigner(credentials.Secret);
        _time = timeProvider ?? TimeProvider.System;
        _timeout = TimeSpan.FromMilliseconds(options.RestTimeoutMs);
        handler ??= new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMilliseconds(options.ConnectionLifetimeMs),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = _timeout,
            AutomaticDecompression = DecompressionMethods.All,
        };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri(options.RestUrl.TrimEnd('/') + "/"),
            Timeout = Timeout.InfiniteTimeSpan, // per attempt, on the TimeProvider, below
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("FlashTrader", "1.0"));
        ServerClock = new MexcServerClock(_time, TimeSpan.FromMilliseconds(options.TimeSyncIntervalMs));
        RateBudget = new MexcRateBudget(_time, options.RequestsPerSecond, options.OrdersPerSecond);
        _breaker = BuildBreaker();
        _retry = BuildRetry();
    }

    public MexcServerClock ServerClock { get; }

    public MexcRateBudget RateBudget { get; }

    public MexcRestMetrics Metrics { get; } = new();

    /// <summary>The circuit breaker's state: Closed (normal), Open (failing fast), HalfOpen (one trial call let through).</summary>
    public CircuitState CircuitState => _circuit.CircuitState;

    /// <summary>GET retries made after transient failures.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public bool HasCredentials => _credentials is not null;

    // ---- public market data -------------------------------------------------------------------------------------

    public Task<MexcResult<EmptyResponse>> PingAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Public("/api/v3/ping"), Json(MexcJsonContext.Default.EmptyResponse), cancellationToken);

    public Task<MexcResult<ServerTime>> GetServerTimeAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Public("/api/v3/time"), Json(MexcJsonContext.Default.ServerTime), cancellationToken);

    /// <summary>Rules of <paramref name="symbols"/> (all symbols when null or empty).</summary>
    public Task<MexcResult<ExchangeInfo>> GetExchangeInfoAsync(IReadOnlyList<string>? symbols = null, CancellationToken cancellationToken = default)
    {
        MexcRequest request = Public("/api/v3/exchangeInfo");
        if (symbols is { Count: 1 })
        {
            request.Add("symbol", symbols[0]);
        }
        else if (symbols is { Count: > 1 })
        {
            request.Add("symbols", string.Join(',', symbols));
        }

        return SendAsync(request, Json(MexcJsonContext.Default.ExchangeInfo), cancellationToken);
    }

    /// <summary>
    /// GET /depth as a <see cref="MarketEventKind.DepthSnapshot"/> for <paramref name="symbolId"/>, its levels in a
    /// buffer rented from <paramref name="pool"/> (release it after use).
    /// </summary>
    public Task<MexcResult<MarketEvent>> GetDepthAsync(string symbol, int symbolId, int limit, DepthLevelsPool pool, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (limit is < 1 or > 5000)
        {
            return Refuse<MarketEvent>("GET /api/v3/depth", $"limit must be 1..5000, got {limit}");
        }

        MexcRequest request = Public("/api/v3/depth").Add("symbol", symbol).Add("limit", limit);
        return SendAsync(request, response => ParseDepth(response, symbolId, pool), cancellationToken);
    }

    /// <summary>The snapshot seam: as <see cref="GetDepthAsync"/>, a failure thrown as <see cref="MexcRequestException"/>.</summary>
    async ValueTask<MarketEvent> IDepthSnapshotSource.GetDepthSnapshotAsync(string symbol, int symbolId, int limit, DepthLevelsPool pool, CancellationToken cancellationToken) =>
        (await GetDepthAsync(symbol, symbolId, limit, pool, cancellationToken).ConfigureAwait(false)).Value;

    public Task<MexcResult<RecentTrade[]>> GetRecentTradesAsync(string symbol, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync(Public("/api/v3/trades").Add("symbol", symbol).AddIf("limit", limit), Json(MexcJsonContext.Default.RecentTradeArray), cancellationToken);

    /// <summary>GET /aggTrades; MEXC takes <paramref name="startTimeMs"/> and <paramref name="endTimeMs"/> only together.</summary>
    public Task<MexcResult<AggregateTrade[]>> GetAggregateTradesAsync(string symbol, long? startTimeMs = null, long? endTimeMs = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        if (startTimeMs.HasValue != endTimeMs.HasValue)
        {
            return Refuse<AggregateTrade[]>("GET /api/v3/aggTrades", "startTime and endTime must be given together");
        }

        MexcRequest request = Public("/api/v3/aggTrades").Add("symbol", symbol)
            .AddIf("startTime", startTimeMs).AddIf("endTime", endTimeMs).AddIf("limit", limit);
        return SendAsync(request, Json(MexcJsonContext.Default.AggregateTradeArray), cancellationToken);
    }

    /// <summary>GET /klines; <paramref name="interval"/> is one of 1m 5m 15m 30m 60m 4h 1d 1W 1M (there is no 1h).</summary>
    public Task<MexcResult<Kline[]>> GetKlinesAsync(string symbol, string interval, long? startTimeMs = null, long? endTimeMs = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        if (!KlineIntervals.Contains(interval, StringComparer.Ordinal))
        {
            return Refuse<Kline[]>("GET /api/v3/klines", $"interval '{interval}' is not one of {string.Join(' ', KlineIntervals)}");
        }

        MexcRequest request = Public("/api/v3/klines").Add("symbol", symbol).Add("interval", interval)
            .AddIf("startTime", startTimeMs).AddIf("endTime", endTimeMs).AddIf("limit", limit);
        return SendAsync(request, Json(MexcJsonContext.Default.KlineArray), cancellationToken);
    }

    public Task<MexcResult<BookTickerQuote>> GetBookTickerAsync(string symbol, CancellationToken cancellationToken = default) =>
        SendAsync(Public("/api/v3/ticker/bookTicker").Add("symbol", symbol), Json(MexcJsonContext.Default.BookTickerQuote), cancellationToken);

    public Task<MexcResult<Ticker24h>> GetTicker24hAsync(string symbol, CancellationToken cancellationToken = default) =>
        SendAsync(Public("/api/v3/ticker/24hr").Add("symbol", symbol), Json(MexcJsonContext.Default.Ticker24h), cancellationToken);

    // ---- signed: account and orders -----------------------------------------------------------------------------

    public Task<MexcResult<AccountInfo>> GetAccountAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Signed(HttpMethod.Get, "/api/v3/account"), Json(MexcJsonContext.Default.AccountInfo), cancellationToken);

    /// <summary>POST /order/test: MEXC validates the order (and signature) without placing it.</summary>
    public Task<MexcResult<EmptyResponse>> TestOrderAsync(NewOrderRequest order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.Validate() is { } problem)
        {
            return Refuse<EmptyResponse>("POST /api/v3/order/test", problem);
        }

        MexcRequest request = OrderRequest("/api/v3/order/test", order, order.ClientOrderId ?? NewClientOrderId());
        return SendAsync(request, Json(MexcJsonContext.Default.EmptyResponse), cancellationToken);
    }

    /// <summary>
    /// POST /order, never retried blindly. A refusal comes back Rejected. When the answer is lost (timeout, 5xx,
    /// dropped connection) the order is looked up by its client order id and the true state comes back (Found or
    /// NotFound), or Unknown if that lookup fails too. A 700003 (clock drift) refusal re-syncs and sends once more:
    /// MEXC refused it before it reached the book.
    /// </summary>
    public async Task<OrderPlacement> PlaceOrderAsync(NewOrderRequest order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        const string endpoint = "POST /api/v3/order";
        string clientOrderId = order.ClientOrderId ?? NewClientOrderId();
        if (order.Validate() is { } problem)
        {
            return new(OrderPlacementStatus.Rejected, clientOrderId, Error: Invalid(endpoint, problem));
        }

        MexcRequest request = OrderRequest("/api/v3/order", order, clientOrderId);
        MexcError? sendError = null;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            if (await EnsureClockAsync(endpoint, cancellationToken).ConfigureAwait(false) is { } syncError)
            {
                return new(OrderPlacementStatus.Rejected, clientOrderId, Error: syncError);
            }

            using MexcResponse response = await ExchangeThroughBreakerAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Error is { } error)
            {
                if (error.KnownCode == MexcErrorCode.TimestampOutsideRecvWindow && attempt == 0)
                {
                    ServerClock.Invalidate();
                    continue;
                }

                if (!error.OutcomeUnknown)
                {
                    return new(OrderPlacementStatus.Rejected, clientOrderId, Error: error);
                }

                sendError = error;
                break;
            }

            MexcResult<OrderAck> ack = Parse(request, response, Json(MexcJsonContext.Default.OrderAck));
            if (ack.IsSuccess)
            {
                return new(OrderPlacementStatus.Placed, clientOrderId, Ack: ack.Value);
            }

            // HTTP 200 with an unreadable body: the order was accepted; learn its state from a query.
            sendError = ack.Error;
            break;
        }

        MexcResult<SpotOrder> query = await GetOrderByClientIdAsync(order.Symbol, clientOrderId, cancellationToken).ConfigureAwait(false);
        if (query.IsSuccess)
        {
            return new(OrderPlacementStatus.Found, clientOrderId, Order: query.Value, SendError: sendError);
        }

        OrderPlacementStatus status = query.Error!.KnownCode == MexcErrorCode.UnknownOrder ? OrderPlacementStatus.NotFound : OrderPlacementStatus.Unknown;
        return new(status, clientOrderId, Error: query.Error, SendError: sendError);
    }

    public Task<MexcResult<SpotOrder>> CancelOrderAsync(string symbol, string orderId, CancellationToken cancellationToken = default) =>
        SendAsync(Signed(HttpMethod.Delete, "/api/v3/order").Add("symbol", symbol).Add("orderId", orderId), Json(MexcJsonContext.Default.SpotOrder), cancellationToken);

    public Task<MexcResult<SpotOrder>> CancelOrderByClientIdAsync(string symbol, string clientOrderId, CancellationToken cancellationToken = default) =>
        SendAsync(Signed(HttpMethod.Delete, "/api/v3/order").Add("symbol", symbol).Add("origClientOrderId", clientOrderId), Json(MexcJsonContext.Default.SpotOrder), cancellationToken);

    public Task<MexcResult<SpotOrder>> GetOrderAsync(string symbol, string orderId, CancellationToken cancellationToken = default) =>
        SendAsync(Signed(HttpMethod.Get, "/api/v3/order").Add("symbol", symbol).Add("orderId", orderId), Json(MexcJsonContext.Default.SpotOrder), cancellationToken);

    public Task<MexcResult<SpotOrder>> GetOrderByClientIdAsync(string symbol, string clientOrderId, CancellationToken cancellationToken = default) =>
        SendAsync(Signed(HttpMethod.Get, "/api/v3/order").Add("symbol", symbol).Add("origClientOrderId", clientOrderId), Json(MexcJsonContext.Default.SpotOrder), cancellationToken);

    public Task<MexcResult<SpotOrder[]>> GetOpenOrdersAsync(string symbol, CancellationToken cancellationToken = default) =>
        SendAsync(Signed(HttpMethod.Get, "/api/v3/openOrders").Add("symbol", symbol), Json(MexcJsonContext.Default.SpotOrderArray), cancellationToken);

    /// <summary>GET /myTrades (limit at most 100).</summary>
    public Task<MexcResult<AccountTrade[]>> GetMyTradesAsync(string symbol, string? orderId = null, long? startTimeMs = null, long? endTimeMs = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        MexcRequest request = Signed(HttpMethod.Get, "/api/v3/myTrades").Add("symbol", symbol)
            .AddIf("orderId", orderId).AddIf("startTime", startTimeMs).AddIf("endTime", endTimeMs).AddIf("limit", limit);
        return SendAsync(request, Json(MexcJsonContext.Default.AccountTradeArray), cancellationToken);
    }

    public Task<MexcResult<TradeFee>> GetTradeFeeAsync(string symbol, CancellationToken cancellationToken = default) =>
        SendAsync(Signed(HttpMethod.Get, "/api/v3/tradeFee").Add("symbol", symbol), ParseTradeFee, cancellationToken);

    // ---- signed: user data stream -------------------------------------------------------------------------------

    /// <summary>POST /userDataStream: a listen key for the private WebSocket channels (valid 60 minutes).</summary>
    public Task<MexcResult<ListenKey>> CreateListenKeyAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Signed(HttpMethod.Post, "/api/v3/userDataStream"), ParseListenKey, cancellationToken);

    /// <summary>PUT /userDataStream: extends the key by 60 minutes (renew every 30).</summary>
    public Task<MexcResult<ListenKey>> KeepAliveListenKeyAsync(string listenKey, CancellationToken cancellationToken = default) =>
        SendAsync(Signed(HttpMethod.Put, "/api/v3/userDataStream").Add("listenKey", listenKey), ParseListenKey, cancellationToken);

    /// <summary>DELETE /userDataStream: closes the key.</summary>
    public Task<MexcResult<ListenKey>> CloseListenKeyAsync(string listenKey, CancellationToken cancellationToken = default) =>
        SendAsync(Signed(HttpMethod.Delete, "/api/v3/userDataStream").Add("listenKey", listenKey), ParseListenKey, cancellationToken);

    /// <summary>Measures the server-time offset now (done lazily before signed calls; call it at start-up to fail early).</summary>
    public Task<MexcResult<long>> SyncTimeAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Public("/api/v3/time"), UpdateServerClock, cancellationToken);

    public void Dispose()
    {
        _http.Dispose();
        _syncGate.Dispose();
        Metrics.Dispose();
    }

    // ---- the request path ---------------------------------------------------------------------------------------

    private delegate T BodyParser<T>(MexcResponse response);

    private static MexcRequest Public(string path) => new(HttpMethod.Get, path, signed: false);

    private static MexcRequest Signed(HttpMethod method, string path) => new(method, path, signed: true);

    private static MexcRequest OrderRequest(string path, NewOrderRequest order, string clientOrderId) =>
        new(HttpMethod.Post, path, signed: true, isOrder: true) { WriteParameters = query => order.WriteTo(query, clientOrderId) };

    private string NewClientOrderId() => "ft" + Guid.CreateVersion7(_time.GetUtcNow()).ToString("N");

    private static BodyParser<T> Json<T>(JsonTypeInfo<T> type) =>
        response => JsonSerializer.Deserialize(response.Body, type) ?? throw new JsonException("the body is JSON null");

    private static Task<MexcResult<T>> Refuse<T>(string endpoint, string problem) =>
        Task.FromResult(MexcResult<T>.Failure(Invalid(endpoint, problem)));

    private static MexcError Invalid(string endpoint, string problem) => new(MexcErrorKind.InvalidRequest, 0, 0, problem, endpoint);

    private async Task<MexcResult<T>> SendAsync<T>(MexcRequest request, BodyParser<T> parse, CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (request.Signed && await EnsureClockAsync(request.Endpoint, cancellationToken).ConfigureAwait(false) is { } syncError)
            {
                return syncError;
            }

            using MexcResponse response = request.Retryable
                ? await _retry.ExecuteAsync(static (state, ct) => state.Client.ExchangeThroughBreakerAsync(state.Request, ct), (Client: this, Request: request), cancellationToken).ConfigureAwait(false)
                : await ExchangeThroughBreakerAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Error is { } error)
            {
                // 700003: refused for a stale timestamp before anything happened; re-sync and send once more.
                if (request.Signed && attempt == 0 && error.KnownCode == MexcErrorCode.TimestampOutsideRecvWindow)
                {
                    ServerClock.Invalidate();
                    continue;
                }

                return error;
            }

            return Parse(request, response, parse);
        }
    }

    private MexcResult<T> Parse<T>(MexcRequest request, MexcResponse response, BodyParser<T> parse)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            return MexcResult<T>.Success(parse(response));
        }
        catch (JsonException e)
        {
            string where = e.Path is null ? "" : $" at {e.Path}";
            string line = e.LineNumber is { } l ? $" (line {l + 1}, byte {e.BytePositionInLine} of the line)" : "";
            return new MexcError(MexcErrorKind.MalformedResponse, response.HttpStatus, 0, $"response is not the documented shape{where}{line}: {e.Message}", request.Endpoint);
        }
        catch (FormatException e)
        {
            return new MexcError(MexcErrorKind.MalformedResponse, response.HttpStatus, 0, e.Message, request.Endpoint);
        }
        finally
        {
            Metrics.Record(response.BuildTicks + Stopwatch.GetTimestamp() - start, response.RoundTripTicks);
        }
    }

    private async ValueTask<MexcError?> EnsureClockAsync(string endpoint, CancellationToken cancellationToken)
    {
        if (_credentials is null)
        {
            return Invalid(endpoint, "a signed call needs an API key and secret (MEXC_API_KEY, MEXC_API_SECRET)");
        }

        if (!ServerClock.NeedsSync)
        {
            return null;
        }

        await _syncGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!ServerClock.NeedsSync)
            {
                return null;
            }

            MexcResult<long> sync = await SyncTimeAsync(cancellationToken).ConfigureAwait(false);
            return sync.IsSuccess ? null : sync.Error! with { Message = $"server time sync failed before {endpoint}: {sync.Error!.Message}" };
        }
        finally
        {
            _syncGate.Release();
        }
    }

    private async ValueTask<MexcResponse> ExchangeThroughBreakerAsync(MexcRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _breaker.ExecuteAsync(static (state, ct) => state.Client.ExchangeAsync(state.Request, ct), (Client: this, Request: request), cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException e)
        {
            DateTimeOffset? retryAt = e.RetryAfter is { } after ? _time.GetUtcNow() + after : null;
            return MexcResponse.Failed(new MexcError(MexcErrorKind.CircuitOpen, 0, 0, "circuit open after repeated failures: not sent", request.Endpoint) { RetryAt = retryAt });
        }
    }

    /// <summary>One attempt: budget, build and sign, send with a timeout, read the body, classify the answer.</summary>
    private async ValueTask<MexcResponse> ExchangeAsync(MexcRequest request, CancellationToken cancellationToken)
    {
        TimeSpan? wait = RateBudget.Reserve(request.IsOrder, out DateTimeOffset bannedUntil);
        if (wait is null)
        {
            return MexcResponse.Failed(new MexcError(MexcErrorKind.Banned, 418, 0, $"banned by MEXC (HTTP 418) until {bannedUntil:O}: not sent", request.Endpoint) { RetryAt = bannedUntil });
        }

        if (wait.Value > TimeSpan.Zero)
        {
            await Task.Delay(wait.Value, _time, cancellationToken).ConfigureAwait(false);
        }

        long buildStart = Stopwatch.GetTimestamp();
        string pathAndQuery = request.BuildPathAndQuery(new MexcQueryString(), _signer, _options.RecvWindowMs, ServerClock.ServerNowMs);
        using var message = new HttpRequestMessage(request.Method, pathAndQuery.TrimStart('/'));
        if (request.Signed)
        {
            message.Headers.Add("X-MEXC-APIKEY", _credentials!.ApiKey);
        }

        long sendStart = Stopwatch.GetTimestamp();
        long buildTicks = sendStart - buildStart;
        DateTimeOffset sentAt = _time.GetUtcNow();
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        byte[]? buffer = null;
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            int length;
            (buffer, length) = await ReadBodyAsync(response.Content, linked.Token).ConfigureAwait(false);
            long roundTrip = Stopwatch.GetTimestamp() - sendStart;
            MexcResponse result = Classify(request, response, buffer, length, sentAt, buildTicks, roundTrip);
            buffer = null; // owned by the result now
            return result;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return MexcResponse.Failed(new MexcError(MexcErrorKind.Timeout, 0, 0, $"no response within {_timeout.TotalMilliseconds:0} ms", request.Endpoint));
        }
        catch (HttpRequestException e)
        {
            return MexcResponse.Failed(new MexcError(MexcErrorKind.Transport, 0, 0, e.Message, request.Endpoint));
        }
        catch (IOException e)
        {
            return MexcResponse.Failed(new MexcError(MexcErrorKind.Transport, 0, 0, e.Message, request.Endpoint));
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private MexcResponse Classify(MexcRequest request, HttpResponseMessage response, byte[] buffer, int length, DateTimeOffset sentAt, long buildTicks, long roundTrip)
    {
        int status = (int)response.StatusCode;
        DateTimeOffset now = _time.GetUtcNow();
        ReadOnlySpan<byte> body = buffer.AsSpan(0, length);
        MexcError? error = null;
        if (status == 429)
        {
            DateTimeOffset until = RateBudget.PauseFor(RetryAfter(response, now) ?? TimeSpan.FromSeconds(1));
            error = new MexcError(MexcErrorKind.RateLimited, status, ErrorBody(body)?.Code ?? 0, $"too many requests: paused until {until:O}", request.Endpoint) { RetryAt = until };
        }
        else if (status == 418)
        {
            TimeSpan ban = TimeSpan.FromMilliseconds(_options.BanBackoffMs);
            TimeSpan? after = RetryAfter(response, now);
            DateTimeOffset until = RateBudget.BanFor(after > ban ? after.Value : ban);
            error = new MexcError(MexcErrorKind.Banned, status, 0, $"IP banned by MEXC (HTTP 418): every request fails fast until {until:O}", request.Endpoint) { RetryAt = until };
        }
        else if (status >= 500)
        {
            MexcErrorBody? mexc = ErrorBody(body);
            error = new MexcError(MexcErrorKind.Server, status, mexc?.Code ?? 0, mexc?.Msg ?? Snippet(body, response.ReasonPhrase), request.Endpoint);
        }
        else if (status >= 400)
        {
            error = ErrorBody(body) is { } mexc
                ? new MexcError(MexcErrorKind.Exchange, status, mexc.Code, mexc.Msg ?? "", request.Endpoint)
                : new MexcError(MexcErrorKind.Http, status, 0, Snippet(body, response.ReasonPhrase), request.Endpoint);
        }
        else if (length <= 512 && ErrorBody(body) is { Code: not 0 and not 200 } refused)
        {
            // Some HTTP 200 bodies are refusals: {"code": 30002, "msg": "..."}.
            error = new MexcError(MexcErrorKind.Exchange, status, refused.Code, refused.Msg ?? "", request.Endpoint);
        }

        if (error is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return MexcResponse.Failed(error);
        }

        return MexcResponse.Ok(status, buffer, length, sentAt, now, buildTicks, roundTrip);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        RetryConditionHeaderValue? header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? (date > now ? date - now : TimeSpan.Zero) : null;
    }

    private static MexcErrorBody? ErrorBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty || body.TrimStart(" \r\n\t"u8) is not [(byte)'{', ..])
        {
            return null;
        }

        try
        {
            MexcErrorBody? parsed = JsonSerializer.Deserialize(body, MexcJsonContext.Default.MexcErrorBody);
            return parsed is { Msg: not null } ? parsed : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Snippet(ReadOnlySpan<byte> body, string? reason)
    {
        string text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 200)]).Trim();
        return text.Length > 0 ? text : reason ?? "";
    }

    private static async ValueTask<(byte[] Buffer, int Length)> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        long? declared = content.Headers.ContentLength;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 and <= MaxBodyBytes ? (int)declared.Value : 16 * 1024);
        int length = 0;
        try
        {
            Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (buffer.Length >= MaxBodyBytes)
                        {
                            throw new HttpRequestException($"response body larger than {MaxBodyBytes} bytes");
                        }

                        byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = bigger;
                    }

                    int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (buffer, length);
                    }

                    length += read;
                }
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private MarketEvent ParseDepth(MexcResponse response, int symbolId, DepthLevelsPool pool)
    {
        DepthLevels levels = pool.Rent();
        string? problem = DepthSnapshotJson.TryRead(response.Body, levels, out long lastUpdateId, out long timestampMs);
        if (problem is not null)
        {
            levels.Release();
            throw new JsonException($"depth snapshot: {problem}");
        }

        long localNs = UnixNanoseconds(response.ReceivedAt);
        long exchangeNs = timestampMs > 0 ? timestampMs * 1_000_000 : localNs;
        return MarketEvent.DepthSnapshot(symbolId, exchangeNs, localNs, lastUpdateId, levels);
    }

    /// <summary>
    /// The offset from the attempt that answered, timed from its hand-over to the network (not from before a wait in
    /// the rate budget or a retry's backoff, which would bias the midpoint).
    /// </summary>
    private long UpdateServerClock(MexcResponse response)
    {
        ServerTime time = JsonSerializer.Deserialize(response.Body, MexcJsonContext.Default.ServerTime) ?? throw new JsonException("the body is JSON null");
        ServerClock.Update(response.SentAt.ToUnixTimeMilliseconds(), response.ReceivedAt.ToUnixTimeMilliseconds(), time.ServerTimeMs);
        return ServerClock.OffsetMs;
    }

    private static long UnixNanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    private static TradeFee ParseTradeFee(MexcResponse response)
    {
        TradeFeeEnvelope envelope = JsonSerializer.Deserialize(response.Body, MexcJsonContext.Default.TradeFeeEnvelope)
            ?? throw new JsonException("the body is JSON null");
        return envelope.Data ?? throw new JsonException($"tradeFee: no data (code {envelope.Code}, msg '{envelope.Msg}')");
    }

    private static ListenKey ParseListenKey(MexcResponse response)
    {
        ListenKeyBody body = JsonSerializer.Deserialize(response.Body, MexcJsonContext.Default.ListenKeyBody)
            ?? throw new JsonException("the body is JSON null");
        return string.IsNullOrEmpty(body.ListenKey) ? throw new JsonException("listenKey is missing") : new ListenKey(body.ListenKey);
    }

    private ResiliencePipeline<MexcResponse> BuildBreaker() =>
        new ResiliencePipelineBuilder<MexcResponse> { TimeProvider = _time }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<MexcResponse>
            {
                FailureRatio = _options.CircuitFailureRatio,
                MinimumThroughput = _options.CircuitMinimumThroughput,
                SamplingDuration = TimeSpan.FromMilliseconds(_options.CircuitSamplingMs),
                BreakDuration = TimeSpan.FromMilliseconds(_options.CircuitBreakMs),
                StateProvider = _circuit,

                // Only failures of the exchange or the network count; a refused order is a healthy answer.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Error?.OutcomeUnknown == true),
            })
            .Build();

    private ResiliencePipeline<MexcResponse> BuildRetry()
    {
        var builder = new ResiliencePipelineBuilder<MexcResponse> { TimeProvider = _time };
        if (_options.GetRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<MexcResponse>
            {
                MaxRetryAttempts = _options.GetRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(_options.RetryBaseDelayMs),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Error is { } e && (e.OutcomeUnknown || e.Kind == MexcErrorKind.RateLimited)),
                OnRetry = args =>
                {
                    Interlocked.Increment(ref _retries);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.Build();
    }
}
