using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.Rest.Models;
using FlashTrader.Mexc.Tests.TestData;
using Polly.CircuitBreaker;
using MexcErrorCode = FlashTrader.Core.Orders.MexcErrorCode;

namespace FlashTrader.Mexc.Tests.Rest;

/// <summary>
/// Rate limits, bans, retries, unknown order outcomes and the circuit breaker, all on the manual clock: what is sent
/// at each instant is asserted by counting requests at the server, never by measuring time.
/// </summary>
public sealed class MexcRestClientResilienceTests
{
    private static readonly NewOrderRequest BuyLimit = new("BTCUSDC", Side.Buy, SpotOrderType.Limit, Quantity: Fixed8.Parse("0.0005"), Price: Fixed8.Parse("61837.63"), ClientOrderId: "ft-test-1");

    [Fact]
    public async Task A_429_pauses_requests_until_its_Retry_After_and_the_GET_is_then_retried()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        DateTimeOffset start = h.Clock.GetUtcNow();
        h.Server.Sequence("GET", "/api/v3/ticker/bookTicker", signed: false, new Reply(429, """{"code":429,"msg":"Too Many Requests"}""", RetryAfterSeconds: 2), Reply.Json(MexcRestBodies.BookTicker));

        Task<MexcResult<BookTickerQuote>> call = h.Client.GetBookTickerAsync("BTCUSDC");
        await h.Clock.WaitForTimerAsync(start.AddSeconds(2));
        h.Clock.Advance(TimeSpan.FromMilliseconds(1999));

        h.Server.Count("GET", "/api/v3/ticker/bookTicker").Should().Be(1, "nothing is sent before Retry-After has passed");
        call.IsCompleted.Should().BeFalse();

        h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        MexcResult<BookTickerQuote> result = await call;

        result.IsSuccess.Should().BeTrue();
        h.Server.Count("GET", "/api/v3/ticker/bookTicker").Should().Be(2);
        h.Client.Retries.Should().Be(1);
        h.Client.RateBudget.Delayed.Should().Be(1);
    }

    [Fact]
    public async Task A_429_on_an_order_rejects_it_without_a_resend_and_holds_back_the_next_request()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        h.Server.On("POST", "/api/v3/order", signed: true, _ => Task.FromResult(new Reply(429, """{"code":429,"msg":"Too Many Requests"}""", RetryAfterSeconds: 3)));
        h.Server.Json("GET", "/api/v3/ping", "{}");

        OrderPlacement placement = await h.Client.PlaceOrderAsync(BuyLimit);
        DateTimeOffset rejectedAt = h.Clock.GetUtcNow();
        Task<MexcResult<EmptyResponse>> ping = h.Client.PingAsync();
        await h.Clock.WaitForTimerAsync(rejectedAt.AddSeconds(3));

        placement.Status.Should().Be(OrderPlacementStatus.Rejected);
        placement.Error!.Kind.Should().Be(MexcErrorKind.RateLimited);
        placement.Error.RetryAt.Should().Be(rejectedAt.AddSeconds(3));
        h.Server.Count("POST", "/api/v3/order").Should().Be(1);
        h.Server.Count("GET", "/api/v3/ping").Should().Be(0);

        h.Clock.Advance(TimeSpan.FromSeconds(3));
        (await ping).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task A_418_ban_makes_every_request_fail_fast_until_the_backoff_has_passed()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => o.BanBackoffMs = 120_000);
        DateTimeOffset start = h.Clock.GetUtcNow();
        h.Server.Sequence("GET", "/api/v3/ping", signed: false, new Reply(418, """{"code":418,"msg":"I'm a teapot"}"""), Reply.Json("{}"));

        MexcResult<EmptyResponse> banned = await h.Client.PingAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(119));
        MexcResult<EmptyResponse> stillBanned = await h.Client.PingAsync();

        banned.Error!.Kind.Should().Be(MexcErrorKind.Banned);
        banned.Error.HttpStatus.Should().Be(418);
        banned.Error.RetryAt.Should().Be(start.AddMinutes(2));
        stillBanned.Error!.Kind.Should().Be(MexcErrorKind.Banned);
        stillBanned.Error.Message.Should().Be($"banned by MEXC (HTTP 418) until {start.AddMinutes(2):O}: not sent");
        h.Server.Count("GET", "/api/v3/ping").Should().Be(1, "a ban is not retried and nothing is sent while it lasts");
        h.Client.RateBudget.RefusedWhileBanned.Should().Be(1);
        h.Client.RateBudget.BannedUntil.Should().Be(start.AddMinutes(2));

        h.Clock.Advance(TimeSpan.FromSeconds(1));
        (await h.Client.PingAsync()).IsSuccess.Should().BeTrue();
        h.Client.RateBudget.BannedUntil.Should().BeNull();
    }

    [Fact]
    public async Task A_418_with_a_longer_Retry_After_than_the_backoff_bans_for_the_Retry_After()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => o.BanBackoffMs = 120_000);
        DateTimeOffset start = h.Clock.GetUtcNow();
        h.Server.On("GET", "/api/v3/ping", signed: false, _ => Task.FromResult(new Reply(418, "", RetryAfterSeconds: 600)));

        MexcResult<EmptyResponse> banned = await h.Client.PingAsync();

        banned.Error!.RetryAt.Should().Be(start.AddMinutes(10));
    }

    [Fact]
    public async Task A_GET_is_retried_on_503_until_it_succeeds()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => o.GetRetries = 3);
        Reply unavailable = new(503, "<html>Service Unavailable</html>");
        h.Server.Sequence("GET", "/api/v3/depth", signed: false, unavailable, unavailable, Reply.Json("""{"lastUpdateId":9,"bids":[],"asks":[]}"""));

        MexcResult<MarketEvent> result = await h.Client.GetDepthAsync("BTCUSDC", 0, 5000, new DepthLevelsPool());

        result.Value.LastUpdateId.Should().Be(9);
        h.Server.Count("GET", "/api/v3/depth").Should().Be(3);
        h.Client.Retries.Should().Be(2);
    }

    [Fact]
    public async Task A_GET_that_keeps_failing_returns_the_last_server_error_after_its_retries()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => o.GetRetries = 2);
        h.Server.On("GET", "/api/v3/ping", signed: false, _ => Task.FromResult(new Reply(503, "<html>Service Unavailable</html>")));

        MexcResult<EmptyResponse> result = await h.Client.PingAsync();

        result.Error.Should().Be(new MexcError(MexcErrorKind.Server, 503, 0, "<html>Service Unavailable</html>", "GET /api/v3/ping"));
        result.Error!.OutcomeUnknown.Should().BeTrue();
        h.Server.Count("GET", "/api/v3/ping").Should().Be(3);
    }

    [Fact]
    public async Task The_retry_waits_its_jittered_backoff_on_the_clock()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => (o.GetRetries, o.RetryBaseDelayMs, o.RestTimeoutMs) = (1, 1000, 60_000));
        h.Server.Sequence("GET", "/api/v3/ping", signed: false, new Reply(503, ""), Reply.Json("{}"));
        DateTimeOffset start = h.Clock.GetUtcNow();

        Task<MexcResult<EmptyResponse>> call = h.Client.PingAsync();

        // The attempt's own 60 s timeout timer may still be armed; the backoff is the timer due before it.
        await Eventually.Async(() => h.Clock.DueTimes().Any(t => t < start.AddSeconds(60)), "the retry's backoff timer");
        TimeSpan backoff = h.Clock.DueTimes().First(t => t < start.AddSeconds(60)) - start;

        backoff.Should().BePositive();
        h.Server.Count("GET", "/api/v3/ping").Should().Be(1);
        h.Clock.Advance(backoff);
        (await call).IsSuccess.Should().BeTrue();
        h.Server.Count("GET", "/api/v3/ping").Should().Be(2);
    }

    [Fact]
    public async Task An_order_that_gets_a_5xx_is_not_resent_but_looked_up_by_client_order_id_and_its_true_state_returned()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => o.GetRetries = 3);
        h.Server.On("POST", "/api/v3/order", signed: true, _ => Task.FromResult(new Reply(503, "")));
        h.Server.Json("GET", "/api/v3/order", MexcRestBodies.OrderFilled, signed: true);

        OrderPlacement placement = await h.Client.PlaceOrderAsync(BuyLimit);

        h.Server.Count("POST", "/api/v3/order").Should().Be(1, "an order POST is never retried");
        RecordedRequest query = h.Server.Requests.Single(r => r.Method == "GET" && r.Path == "/api/v3/order");
        query.Parameter("origClientOrderId").Should().Be("ft-test-1");
        query.Verified.Should().BeTrue();
        placement.Status.Should().Be(OrderPlacementStatus.Found);
        placement.IsOnExchange.Should().BeTrue();
        placement.Order!.Status.Should().Be(MexcOrderStatus.Filled);
        placement.OrderId.Should().Be("C02__385413065019117569043");
        placement.SendError!.Kind.Should().Be(MexcErrorKind.Server);
        placement.SendError.HttpStatus.Should().Be(503);
    }

    [Fact]
    public async Task A_cancel_that_gets_a_5xx_is_not_retried_either_only_GETs_are()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => o.GetRetries = 3);
        h.Server.On("DELETE", "/api/v3/order", signed: true, _ => Task.FromResult(new Reply(503, "")));

        MexcResult<SpotOrder> result = await h.Client.CancelOrderByClientIdAsync("BTCUSDC", "ft-test-1");

        result.Error!.Kind.Should().Be(MexcErrorKind.Server);
        h.Server.Count("DELETE", "/api/v3/order").Should().Be(1);
        h.Client.Retries.Should().Be(0);
    }

    [Fact]
    public async Task An_order_that_times_out_and_is_unknown_to_MEXC_is_NotFound()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => o.RestTimeoutMs = 5000);
        h.Server.On("POST", "/api/v3/order", signed: true, async request =>
        {
            await Task.Delay(Timeout.Infinite, request.Aborted);
            return Reply.Json("{}");
        });
        h.Server.On("GET", "/api/v3/order", signed: true, _ => Task.FromResult(Reply.Error(400, -2011, "Order does not exist.")));

        Task<OrderPlacement> place = h.Client.PlaceOrderAsync(BuyLimit);
        await h.Server.WaitForRequestsAsync("POST", "/api/v3/order", 1);
        DateTimeOffset sentAt = h.Clock.GetUtcNow();
        await h.Clock.WaitForTimerAsync(sentAt.AddSeconds(5));
        h.Clock.Advance(TimeSpan.FromSeconds(5));
        OrderPlacement placement = await place;

        placement.Status.Should().Be(OrderPlacementStatus.NotFound);
        placement.IsOnExchange.Should().BeFalse();
        placement.SendError.Should().Be(new MexcError(MexcErrorKind.Timeout, 0, 0, "no response within 5000 ms", "POST /api/v3/order"));
        placement.Error!.KnownCode.Should().Be(MexcErrorCode.UnknownOrder);
        h.Server.Count("POST", "/api/v3/order").Should().Be(1);
    }

    [Fact]
    public async Task An_order_whose_lookup_fails_too_has_an_explicit_Unknown_outcome()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => o.GetRetries = 1);
        h.Server.On("POST", "/api/v3/order", signed: true, _ => Task.FromResult(new Reply(502, "Bad Gateway")));
        h.Server.On("GET", "/api/v3/order", signed: true, _ => Task.FromResult(new Reply(500, """{"code":500,"msg":"system error"}""")));

        OrderPlacement placement = await h.Client.PlaceOrderAsync(BuyLimit);

        placement.Status.Should().Be(OrderPlacementStatus.Unknown);
        placement.OrderId.Should().BeNull();
        placement.Error.Should().Be(new MexcError(MexcErrorKind.Server, 500, 500, "system error", "GET /api/v3/order"));
        placement.SendError!.HttpStatus.Should().Be(502);
        h.Server.Count("POST", "/api/v3/order").Should().Be(1);
        h.Server.Count("GET", "/api/v3/order").Should().Be(2, "the lookup is a GET: retried");
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_fails_fast_and_closes_after_a_successful_trial()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => (o.GetRetries, o.CircuitMinimumThroughput, o.CircuitFailureRatio, o.CircuitBreakMs) = (0, 4, 0.5, 15_000));
        bool healthy = false;
        h.Server.On("GET", "/api/v3/ping", signed: false, _ => Task.FromResult(healthy ? Reply.Json("{}") : new Reply(500, "")));
        h.Server.Json("POST", "/api/v3/order", MexcRestBodies.OrderAck, signed: true);

        for (int i = 0; i < 4; i++)
        {
            h.Client.CircuitState.Should().Be(CircuitState.Closed);
            (await h.Client.PingAsync()).Error!.Kind.Should().Be(MexcErrorKind.Server);
        }

        h.Client.CircuitState.Should().Be(CircuitState.Open);
        MexcResult<EmptyResponse> refused = await h.Client.PingAsync();
        OrderPlacement order = await h.Client.PlaceOrderAsync(BuyLimit);

        refused.Error!.Kind.Should().Be(MexcErrorKind.CircuitOpen);
        refused.Error.RetryAt.Should().Be(h.Clock.GetUtcNow().AddSeconds(15));
        order.Status.Should().Be(OrderPlacementStatus.Rejected);
        order.Error!.Kind.Should().Be(MexcErrorKind.CircuitOpen);
        h.Server.Count("GET", "/api/v3/ping").Should().Be(4);
        h.Server.Count("POST", "/api/v3/order").Should().Be(0);

        healthy = true;
        h.Clock.Advance(TimeSpan.FromSeconds(15));
        (await h.Client.PingAsync()).IsSuccess.Should().BeTrue();
        h.Client.CircuitState.Should().Be(CircuitState.Closed);
    }

    [Fact]
    public async Task Exchange_refusals_do_not_count_towards_opening_the_circuit()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => (o.CircuitMinimumThroughput, o.CircuitFailureRatio) = (2, 0.5));
        h.Server.On("POST", "/api/v3/order", signed: true, _ => Task.FromResult(Reply.Error(400, 30016, "trading disabled")));

        for (int i = 0; i < 5; i++)
        {
            (await h.Client.PlaceOrderAsync(BuyLimit)).Error!.KnownCode.Should().Be(MexcErrorCode.TradingDisabled);
        }

        h.Client.CircuitState.Should().Be(CircuitState.Closed);
    }

    [Fact]
    public async Task The_request_budget_lets_a_burst_through_then_one_request_per_interval()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => o.RequestsPerSecond = 2);
        DateTimeOffset start = h.Clock.GetUtcNow();
        h.Server.Json("GET", "/api/v3/ping", "{}");

        Task<MexcResult<EmptyResponse>>[] calls = [.. Enumerable.Range(0, 5).Select(_ => h.Client.PingAsync())];
        await h.Server.WaitForRequestsAsync("GET", "/api/v3/ping", 2);
        await h.Clock.WaitForTimerAsync(start.AddMilliseconds(1500));

        h.Clock.DueTimes().Where(t => t - start < TimeSpan.FromSeconds(5)).Should().Equal(start.AddMilliseconds(500), start.AddMilliseconds(1000), start.AddMilliseconds(1500));
        h.Server.Count("GET", "/api/v3/ping").Should().Be(2);
        for (int sent = 3; sent <= 5; sent++)
        {
            h.Clock.Advance(TimeSpan.FromMilliseconds(500));
            await h.Server.WaitForRequestsAsync("GET", "/api/v3/ping", sent);
            h.Server.Count("GET", "/api/v3/ping").Should().Be(sent);
        }

        (await Task.WhenAll(calls)).Should().OnlyContain(r => r.IsSuccess);
        h.Client.RateBudget.Delayed.Should().Be(3);
    }

    [Fact]
    public async Task Orders_wait_for_the_order_budget_while_other_requests_pass()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => (o.RequestsPerSecond, o.OrdersPerSecond) = (20, 1));
        h.Server.Json("POST", "/api/v3/order/test", "{}", signed: true);
        h.Server.Json("GET", "/api/v3/ping", "{}");
        (await h.Client.SyncTimeAsync()).IsSuccess.Should().BeTrue();
        DateTimeOffset start = h.Clock.GetUtcNow();

        Task<MexcResult<EmptyResponse>>[] orders = [.. Enumerable.Range(0, 3).Select(_ => h.Client.TestOrderAsync(BuyLimit))];
        await h.Clock.WaitForTimerAsync(start.AddSeconds(2));
        MexcResult<EmptyResponse> ping = await h.Client.PingAsync();

        ping.IsSuccess.Should().BeTrue();
        h.Server.Count("POST", "/api/v3/order/test").Should().Be(1);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        await h.Server.WaitForRequestsAsync("POST", "/api/v3/order/test", 2);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        (await Task.WhenAll(orders)).Should().OnlyContain(r => r.IsSuccess);
        h.Server.Count("POST", "/api/v3/order/test").Should().Be(3);
    }
}
