using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.Rest.Models;
using FlashTrader.Mexc.Tests.TestData;
using MexcErrorCode = FlashTrader.Core.Orders.MexcErrorCode;

namespace FlashTrader.Mexc.Tests.Rest;

/// <summary>Signed endpoints against a server that verifies key, signature and timestamp the way MEXC does.</summary>
public sealed class MexcRestClientSignedTests : IAsyncLifetime
{
    private static readonly NewOrderRequest BuyLimit = new("BTCUSDC", Side.Buy, SpotOrderType.Limit, Quantity: F("0.0005"), Price: F("61837.63"), ClientOrderId: "ft-test-1");

    private RestHarness _h = null!;

    private static Fixed8 F(string text) => Fixed8.Parse(text);

    public async Task InitializeAsync() => _h = await RestHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_signed_call_carries_the_key_header_recvWindow_timestamp_and_a_signature_the_server_verifies()
    {
        _h.Server.Json("GET", "/api/v3/account", MexcRestBodies.Account, signed: true);

        AccountInfo account = (await _h.Client.GetAccountAsync()).Value;

        RecordedRequest request = _h.Server.Requests.Single(r => r.Path == "/api/v3/account");
        request.ApiKey.Should().Be(MexcTestServer.ApiKey);
        request.Verified.Should().BeTrue();
        request.Query.Should().MatchRegex("^recvWindow=5000&timestamp=[0-9]+&signature=[0-9a-f]{64}$");
        request.Parameter("timestamp").Should().Be(_h.Server.ServerNowMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        account.CanTrade.Should().BeTrue();
        account.AccountType.Should().Be("SPOT");
        account.UpdateTime.Should().BeNull();
        account.Balances.Should().Equal(new AssetBalance("USDC", 10000.123456789m, 25.5m), new AssetBalance("BTC", 0.00012m, 0m));
        account.Balance("BTC")!.Free.Should().Be(0.00012m);
    }

    [Fact]
    public async Task The_first_signed_call_syncs_the_clock_so_a_skewed_server_accepts_the_timestamp()
    {
        _h.Server.SkewMs = 30_000; // the server runs 30 s ahead: an unsynced timestamp would be outside recvWindow
        _h.Server.Json("GET", "/api/v3/account", MexcRestBodies.Account, signed: true);

        MexcResult<AccountInfo> result = await _h.Client.GetAccountAsync();

        result.IsSuccess.Should().BeTrue();
        _h.Client.ServerClock.OffsetMs.Should().Be(30_000);
        _h.Server.Requests.Select(r => r.Path).Should().Equal("/api/v3/time", "/api/v3/account");
        _h.Server.Requests[1].Parameter("timestamp").Should().Be(_h.Server.ServerNowMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_700003_refusal_resyncs_the_clock_and_sends_once_more()
    {
        _h.Server.Json("GET", "/api/v3/account", MexcRestBodies.Account, signed: true);
        (await _h.Client.GetAccountAsync()).IsSuccess.Should().BeTrue();
        _h.Server.SkewMs = -20_000; // the server's clock jumps back: our timestamps are now 20 s in its future

        MexcResult<AccountInfo> result = await _h.Client.GetAccountAsync();

        result.IsSuccess.Should().BeTrue();
        _h.Client.ServerClock.OffsetMs.Should().Be(-20_000);
        _h.Client.ServerClock.Syncs.Should().Be(2);
        _h.Server.Requests.Select(r => (r.Path, r.Verified)).Should().Equal(
            ("/api/v3/time", false), ("/api/v3/account", true), ("/api/v3/account", false), ("/api/v3/time", false), ("/api/v3/account", true));
    }

    [Fact]
    public async Task The_clock_is_resynced_once_the_sync_interval_has_passed()
    {
        _h.Server.Json("GET", "/api/v3/account", MexcRestBodies.Account, signed: true);
        await _h.Client.GetAccountAsync();
        _h.Clock.Advance(TimeSpan.FromMilliseconds(_h.Options.TimeSyncIntervalMs - 1));
        await _h.Client.GetAccountAsync();
        _h.Clock.Advance(TimeSpan.FromMilliseconds(1));
        await _h.Client.GetAccountAsync();

        _h.Server.Requests.Select(r => r.Path).Should().Equal(
            "/api/v3/time", "/api/v3/account", "/api/v3/account", "/api/v3/time", "/api/v3/account");
    }

    [Fact]
    public async Task The_offset_is_timed_from_the_send_not_from_a_wait_in_the_rate_budget()
    {
        await using RestHarness h = await RestHarness.StartAsync(o => o.RequestsPerSecond = 1);
        h.Server.Json("GET", "/api/v3/ping", "{}");
        h.Server.SkewMs = 10_000;
        (await h.Client.PingAsync()).IsSuccess.Should().BeTrue();
        DateTimeOffset start = h.Clock.GetUtcNow();

        Task<MexcResult<long>> sync = h.Client.SyncTimeAsync();
        await h.Clock.WaitForTimerAsync(start.AddSeconds(1));
        h.Clock.Advance(TimeSpan.FromSeconds(1));

        (await sync).Value.Should().Be(10_000, "the second spent waiting for a token is not part of the round trip");
        h.Client.ServerClock.OffsetMs.Should().Be(10_000);
    }

    [Fact]
    public async Task A_rejected_signature_is_a_typed_700002_error_and_is_not_retried()
    {
        await using RestHarness wrongSecret = await RestHarness.StartAsync(secret: "00000000000000000000000000000000");
        wrongSecret.Server.Json("GET", "/api/v3/account", MexcRestBodies.Account, signed: true);

        MexcResult<AccountInfo> result = await wrongSecret.Client.GetAccountAsync();

        result.Error.Should().Be(new MexcError(MexcErrorKind.Exchange, 400, 700002, "Signature for this request is not valid.", "GET /api/v3/account"));
        result.Error!.KnownCode.Should().Be(MexcErrorCode.InvalidSignature);
        result.Error.ToString().Should().Be("MEXC GET /api/v3/account: Exchange HTTP 400 code 700002 (InvalidSignature): Signature for this request is not valid.");
        wrongSecret.Server.Count("GET", "/api/v3/account").Should().Be(1);
        FluentActions.Invoking(() => result.Value).Should().Throw<MexcRequestException>().Which.Error.Should().Be(result.Error);
    }

    [Fact]
    public async Task A_signed_call_without_credentials_is_refused_before_sending()
    {
        await using RestHarness anonymous = await RestHarness.StartAsync(credentials: false);

        MexcResult<AccountInfo> result = await anonymous.Client.GetAccountAsync();

        result.Error!.Kind.Should().Be(MexcErrorKind.InvalidRequest);
        result.Error.Message.Should().Be("a signed call needs an API key and secret (MEXC_API_KEY, MEXC_API_SECRET)");
        anonymous.Server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task An_order_is_sent_with_its_parameters_in_MEXC_order_and_its_acknowledgement_read()
    {
        _h.Server.Json("POST", "/api/v3/order", MexcRestBodies.OrderAck, signed: true);

        OrderPlacement placement = await _h.Client.PlaceOrderAsync(BuyLimit);

        RecordedRequest post = _h.Server.Requests.Single(r => r.Method == "POST");
        post.Verified.Should().BeTrue();
        post.Query.Should().StartWith($"symbol=BTCUSDC&side=BUY&type=LIMIT&quantity=0.0005&price=61837.63&newClientOrderId=ft-test-1&recvWindow=5000&timestamp={_h.Server.ServerNowMs}&signature=");
        placement.Status.Should().Be(OrderPlacementStatus.Placed);
        placement.ClientOrderId.Should().Be("ft-test-1");
        placement.OrderId.Should().Be("C02__385413065019117569043");
        placement.Ack.Should().Be(new OrderAck
        {
            Symbol = "BTCUSDC",
            OrderId = "C02__385413065019117569043",
            OrderListId = -1,
            Price = F("61837.63"),
            OrigQty = F("0.0005"),
            Type = SpotOrderType.Limit,
            Side = Side.Buy,
            TransactTime = 1768478400123,
        });
    }

    [Fact]
    public async Task An_order_without_a_client_order_id_gets_one_so_it_can_always_be_found_again()
    {
        _h.Server.Json("POST", "/api/v3/order", MexcRestBodies.OrderAck, signed: true);

        OrderPlacement placement = await _h.Client.PlaceOrderAsync(BuyLimit with { ClientOrderId = null, Type = SpotOrderType.LimitMaker });

        placement.ClientOrderId.Should().MatchRegex("^ft[0-9a-f]{32}$");
        _h.Server.Requests.Single(r => r.Method == "POST").Parameter("newClientOrderId").Should().Be(placement.ClientOrderId);
        _h.Server.Requests.Single(r => r.Method == "POST").Parameter("type").Should().Be("LIMIT_MAKER");
    }

    [Fact]
    public async Task A_refused_order_is_Rejected_with_the_named_code_and_not_queried()
    {
        _h.Server.On("POST", "/api/v3/order", signed: true, _ => Task.FromResult(Reply.Error(400, 10101, "Insufficient balance")));

        OrderPlacement placement = await _h.Client.PlaceOrderAsync(BuyLimit);

        placement.Status.Should().Be(OrderPlacementStatus.Rejected);
        placement.Error!.KnownCode.Should().Be(MexcErrorCode.InsufficientBalance);
        _h.Server.Requests.Should().NotContain(r => r.Method == "GET" && r.Path == "/api/v3/order");
    }

    [Fact]
    public async Task A_refusal_in_an_HTTP_200_body_is_an_error_too()
    {
        _h.Server.Json("POST", "/api/v3/order", """{"code":30002,"msg":"minimum transaction volume cannot be less than:1USDC"}""", signed: true);

        OrderPlacement placement = await _h.Client.PlaceOrderAsync(BuyLimit);

        placement.Status.Should().Be(OrderPlacementStatus.Rejected);
        placement.Error.Should().Be(new MexcError(MexcErrorKind.Exchange, 200, 30002, "minimum transaction volume cannot be less than:1USDC", "POST /api/v3/order"));
        placement.Error!.KnownCode.Should().Be(MexcErrorCode.BelowMinimum);
    }

    [Fact]
    public async Task An_invalid_order_is_refused_locally()
    {
        OrderPlacement placement = await _h.Client.PlaceOrderAsync(BuyLimit with { Price = null });

        placement.Status.Should().Be(OrderPlacementStatus.Rejected);
        placement.Error!.Message.Should().Be("a Limit order needs Quantity and Price (and no QuoteOrderQuantity)");
        _h.Server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Order_test_validates_without_placing()
    {
        _h.Server.Json("POST", "/api/v3/order/test", "{}", signed: true);

        MexcResult<EmptyResponse> result = await _h.Client.TestOrderAsync(new NewOrderRequest("ETHUSDC", Side.Sell, SpotOrderType.Market, QuoteOrderQuantity: F("25"), ClientOrderId: "ft-t"));

        result.IsSuccess.Should().BeTrue();
        _h.Server.Requests.Single(r => r.Method == "POST").Query.Should().StartWith("symbol=ETHUSDC&side=SELL&type=MARKET&quoteOrderQty=25&newClientOrderId=ft-t&recvWindow=5000&");
    }

    [Fact]
    public async Task Cancel_by_order_id_and_by_client_order_id_read_the_cancelled_order()
    {
        _h.Server.Json("DELETE", "/api/v3/order", MexcRestBodies.OrderCanceled, signed: true);

        SpotOrder byId = (await _h.Client.CancelOrderAsync("BTCUSDC", "C02__385413065019117569043")).Value;
        SpotOrder byClientId = (await _h.Client.CancelOrderByClientIdAsync("BTCUSDC", "ft-test-1")).Value;

        RecordedRequest[] deletes = [.. _h.Server.Requests.Where(r => r.Method == "DELETE")];
        deletes[0].Query.Should().StartWith("symbol=BTCUSDC&orderId=C02__385413065019117569043&recvWindow=5000&");
        deletes[1].Query.Should().StartWith("symbol=BTCUSDC&origClientOrderId=ft-test-1&recvWindow=5000&");
        deletes.Should().OnlyContain(r => r.Verified);
        byClientId.Should().Be(byId);
        byId.Status.Should().Be(MexcOrderStatus.PartiallyCanceled);
        byId.OrigClientOrderId.Should().Be("ft-test-1");
        byId.ExecutedQty.Should().Be(F("0.0002"));
        byId.CummulativeQuoteQty.Should().Be(12.367526m);
    }

    [Fact]
    public async Task Query_order_reads_its_true_state()
    {
        _h.Server.Json("GET", "/api/v3/order", MexcRestBodies.OrderFilled, signed: true);

        SpotOrder order = (await _h.Client.GetOrderAsync("BTCUSDC", "C02__385413065019117569043")).Value;

        _h.Server.Requests[^1].Query.Should().StartWith("symbol=BTCUSDC&orderId=C02__385413065019117569043&recvWindow=5000&");
        order.Should().Be(new SpotOrder
        {
            Symbol = "BTCUSDC",
            OrderId = "C02__385413065019117569043",
            OrderListId = -1,
            ClientOrderId = "ft-test-1",
            Price = F("61837.63"),
            OrigQty = F("0.0005"),
            ExecutedQty = F("0.0005"),
            CummulativeQuoteQty = 30.918815m,
            Status = MexcOrderStatus.Filled,
            TimeInForce = null,
            Type = SpotOrderType.Limit,
            Side = Side.Buy,
            Time = 1768478400123,
            UpdateTime = 1768478400150,
            IsWorking = true,
            OrigQuoteOrderQty = 30.918815m,
        });
    }

    [Fact]
    public async Task Open_orders_read_partially_filled_maker_orders()
    {
        _h.Server.Json("GET", "/api/v3/openOrders", MexcRestBodies.OpenOrders, signed: true);

        SpotOrder order = (await _h.Client.GetOpenOrdersAsync("ETHUSDC")).Value.Single();

        order.Status.Should().Be(MexcOrderStatus.PartiallyFilled);
        order.Type.Should().Be(SpotOrderType.LimitMaker);
        order.Side.Should().Be(Side.Sell);
        order.Price.Should().Be(F("2683.8"));
        order.OrigQuoteOrderQty.Should().Be(670.95m);
    }

    [Fact]
    public async Task My_trades_keep_a_commission_finer_than_eight_decimals_exactly()
    {
        _h.Server.Json("GET", "/api/v3/myTrades", MexcRestBodies.MyTrades, signed: true);

        AccountTrade trade = (await _h.Client.GetMyTradesAsync("BTCUSDC", limit: 100)).Value.Single();

        _h.Server.Requests[^1].Query.Should().StartWith("symbol=BTCUSDC&limit=100&recvWindow=5000&");
        trade.Should().Be(new AccountTrade
        {
            Symbol = "BTCUSDC",
            Id = "fad2af9e942049b6adbda1a271f990c6",
            OrderId = "C02__385413065019117569043",
            OrderListId = -1,
            Price = F("61837.63"),
            Qty = F("0.0005"),
            QuoteQty = 30.918815m,
            Commission = 0.000000061m,
            CommissionAsset = "BTC",
            Time = 1768478400150,
            IsBuyer = true,
            IsMaker = false,
            IsBestMatch = true,
            IsSelfTrade = false,
            ClientOrderId = null,
        });
    }

    [Fact]
    public async Task Trade_fee_unwraps_its_envelope_of_bare_numbers()
    {
        _h.Server.Json("GET", "/api/v3/tradeFee", MexcRestBodies.TradeFee, signed: true);

        TradeFee fee = (await _h.Client.GetTradeFeeAsync("BTCUSDC")).Value;

        fee.Should().Be(new TradeFee(0m, 0.0002m));
    }

    [Fact]
    public async Task The_user_data_stream_key_is_created_kept_alive_with_PUT_and_closed_with_DELETE()
    {
        foreach (string method in new[] { "POST", "PUT", "DELETE" })
        {
            _h.Server.Json(method, "/api/v3/userDataStream", MexcRestBodies.ListenKey, signed: true);
        }

        ListenKey key = (await _h.Client.CreateListenKeyAsync()).Value;
        ListenKey kept = (await _h.Client.KeepAliveListenKeyAsync(key.Key)).Value;
        ListenKey closed = (await _h.Client.CloseListenKeyAsync(key.Key)).Value;

        key.Key.Should().Be("pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1");
        kept.Should().Be(key);
        closed.Should().Be(key);
        RecordedRequest[] calls = [.. _h.Server.Requests.Where(r => r.Path == "/api/v3/userDataStream")];
        calls.Select(r => r.Method).Should().Equal("POST", "PUT", "DELETE");
        calls.Should().OnlyContain(r => r.Verified);
        calls[1].Parameter("listenKey").Should().Be(key.Key);
        calls[2].Parameter("listenKey").Should().Be(key.Key);
    }
}
