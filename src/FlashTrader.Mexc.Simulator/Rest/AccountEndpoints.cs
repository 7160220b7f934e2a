using System.Globalization;
using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Signing;
using FlashTrader.Mexc.Simulator.Exchange;
using FlashTrader.Mexc.Simulator.Market;
using FlashTrader.Mexc.Simulator.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlashTrader.Mexc.Simulator.Rest;

/// <summary>MEXC's signed endpoints: account, orders (matched against the replayed book), trades, fees and listen keys.</summary>
internal sealed class AccountEndpoints
{
    private readonly SimulatedExchange _exchange;
    private readonly MexcRequestSigner _signer;
    private readonly PushFrames _frames = new();

    private AccountEndpoints(SimulatedExchange exchange)
    {
        _exchange = exchange;
        _signer = new MexcRequestSigner(exchange.Options.ApiSecret);
    }

    public static void Map(IEndpointRouteBuilder app, SimulatedExchange exchange)
    {
        var endpoints = new AccountEndpoints(exchange);
        app.MapGet("/api/v3/account", endpoints.Signed(endpoints.AccountInfo));
        app.MapGet("/api/v3/tradeFee", endpoints.Signed(endpoints.TradeFee));
        app.MapGet("/api/v3/capital/config/getall", endpoints.Signed(endpoints.Currencies));
        app.MapPost("/api/v3/order/test", endpoints.Signed(r => endpoints.NewOrder(r, testOnly: true)));
        app.MapPost("/api/v3/order", endpoints.Signed(r => endpoints.NewOrder(r, testOnly: false)));
        app.MapDelete("/api/v3/order", endpoints.Signed(endpoints.CancelOrder));
        app.MapGet("/api/v3/order", endpoints.Signed(endpoints.QueryOrder));
        app.MapGet("/api/v3/openOrders", endpoints.Signed(endpoints.OpenOrders));
        app.MapDelete("/api/v3/openOrders", endpoints.Signed(endpoints.CancelOpenOrders));
        app.MapGet("/api/v3/myTrades", endpoints.Signed(endpoints.MyTrades));
        app.MapPost("/api/v3/userDataStream", endpoints.Signed(endpoints.NewListenKey));
        app.MapPut("/api/v3/userDataStream", endpoints.Signed(r => endpoints.ListenKey(r, extend: true)));
        app.MapDelete("/api/v3/userDataStream", endpoints.Signed(r => endpoints.ListenKey(r, extend: false)));
    }

    private RequestDelegate Signed(Func<SignedRequest, Task<IResult>> handler) => async context =>
    {
        IResult result;
        try
        {
            SignedRequest request = await SignedRequest.VerifyAsync(context, _exchange.Options.ApiKey, _signer, _exchange.NowMs).ConfigureAwait(false);
            result = await handler(request).ConfigureAwait(false);
        }
        catch (MexcApiException ex)
        {
            result = JsonResult.Error(ex);
        }

        await result.ExecuteAsync(context).ConfigureAwait(false);
    };

    private RequestDelegate Signed(Func<SignedRequest, IResult> handler) => Signed(r => Task.FromResult(handler(r)));

    private IResult AccountInfo(SignedRequest request)
    {
        lock (_exchange.Gate)
        {
            var balances = _exchange.Account.Balances.ToList();
            return JsonResult.Of(j =>
            {
                j.WriteStartObject();
                j.WriteNumber("makerCommission", 0);
                j.WriteNumber("takerCommission", 0);
                j.WriteNumber("buyerCommission", 0);
                j.WriteNumber("sellerCommission", 0);
                j.WriteBoolean("canTrade", true);
                j.WriteBoolean("canWithdraw", false);
                j.WriteBoolean("canDeposit", false);
                j.WriteNull("updateTime");
                j.WriteString("accountType", "SPOT");
                j.WriteStartArray("balances");
                foreach ((string asset, decimal free, decimal locked) in balances)
                {
                    j.WriteStartObject();
                    j.WriteString("asset", asset);
                    j.WriteMoney("free", free);
                    j.WriteMoney("locked", locked);
                    j.WriteEndObject();
                }

                j.WriteEndArray();
                j.WriteStartArray("permissions");
                j.WriteStringValue("SPOT");
                j.WriteEndArray();
                j.WriteEndObject();
            });
        }
    }

    /// <summary>The account's assets as MEXC's currency list (clients such as ccxt load it with the markets); no networks: no deposits here.</summary>
    private IResult Currencies(SignedRequest request) => JsonResult.Of(j =>
    {
        j.WriteStartArray();
        foreach (string asset in _exchange.Instruments.Assets)
        {
            j.WriteStartObject();
            j.WriteString("coin", asset);
            j.WriteString("name", asset);
            j.WriteStartArray("networkList");
            j.WriteEndArray();
            j.WriteEndObject();
        }

        j.WriteEndArray();
    });

    private IResult TradeFee(SignedRequest request)
    {
        SimulatedSymbol symbol = PublicEndpoints.RequireSymbol(request.Get("symbol"), _exchange);
        return JsonResult.Of(j =>
        {
            j.WriteStartObject();
            j.WriteStartObject("data");
            j.WriteNumber("makerCommission", symbol.Instrument.MakerFeeRate);
            j.WriteNumber("takerCommission", symbol.Instrument.TakerFeeRate);
            j.WriteEndObject();
            j.WriteNumber("code", 0);
            j.WriteString("msg", "success");
            j.WriteEndObject();
        });
    }

    private async Task<IResult> NewOrder(SignedRequest request, bool testOnly)
    {
        OrderTicket ticket = ParseTicket(request);
        var updates = new PrivateUpdates();
        var frames = new List<(PushTopic, OutboundFrame)>();
        SimOrder? order;
        bool failAfter;
        lock (_exchange.Gate)
        {
            long now = _exchange.NowMs;
            order = _exchange.Engine.Place(ticket, now, testOnly, updates);
            failAfter = order is not null && _exchange.Faults.ShouldFailAfterExecuting();
            _frames.Private(updates, _exchange.Hub, id => _exchange.Symbols[id].Utf8Name, now, frames);
        }

        await PublishAsync(frames).ConfigureAwait(false);
        if (order is null)
        {
            return JsonResult.Of(j =>
            {
                j.WriteStartObject();
                j.WriteEndObject();
            });
        }

        if (failAfter)
        {
            // The order exists and may have filled, but the client hears only an internal error: the outcome is unknown.
            return JsonResult.Of(
                j =>
                {
                    j.WriteStartObject();
                    j.WriteNumber("code", 500);
                    j.WriteString("msg", "Internal error");
                    j.WriteEndObject();
                },
                500);
        }

        return JsonResult.Of(j =>
        {
            j.WriteStartObject();
            j.WriteString("symbol", order.Symbol);
            j.WriteString("orderId", order.OrderId);
            j.WriteNumber("orderListId", -1);
            j.WriteMoney("price", order.Price);
            j.WriteMoney("origQty", order.OriginalQuantity);
            j.WriteString("type", order.Type.ToWire());
            j.WriteString("side", order.Side.ToWire());
            j.WriteNumber("transactTime", order.CreateTimeMs);
            j.WriteEndObject();
        });
    }

    private async Task<IResult> CancelOrder(SignedRequest request)
    {
        SimulatedSymbol symbol = PublicEndpoints.RequireSymbol(request.Get("symbol"), _exchange);
        (string? orderId, string? clientId) = OrderReference(request);
        var updates = new PrivateUpdates();
        var frames = new List<(PushTopic, OutboundFrame)>();
        SimOrder order;
        lock (_exchange.Gate)
        {
            long now = _exchange.NowMs;
            order = _exchange.Engine.Cancel(symbol.Name, orderId, clientId, now, updates);
            _frames.Private(updates, _exchange.Hub, id => _exchange.Symbols[id].Utf8Name, now, frames);
        }

        await PublishAsync(frames).ConfigureAwait(false);
        return JsonResult.Of(j => WriteOrder(j, order, full: false));
    }

    private IResult QueryOrder(SignedRequest request)
    {
        SimulatedSymbol symbol = PublicEndpoints.RequireSymbol(request.Get("symbol"), _exchange);
        (string? orderId, string? clientId) = OrderReference(request);
        lock (_exchange.Gate)
        {
            SimOrder order = _exchange.Engine.Find(symbol.Name, orderId, clientId);
            return JsonResult.Of(j => WriteOrder(j, order, full: true));
        }
    }

    private IResult OpenOrders(SignedRequest request)
    {
        string? name = request.Get("symbol");
        if (name is not null)
        {
            PublicEndpoints.RequireSymbol(name, _exchange);
        }

        lock (_exchange.Gate)
        {
            List<SimOrder> open = [.. _exchange.Engine.OpenOrders(name)];
            return JsonResult.Of(j =>
            {
                j.WriteStartArray();
                foreach (SimOrder order in open)
                {
                    WriteOrder(j, order, full: true);
                }

                j.WriteEndArray();
            });
        }
    }

    private async Task<IResult> CancelOpenOrders(SignedRequest request)
    {
        string names = request.Get("symbol") ?? throw MexcApiException.BadParameter("symbol", "is required (up to 5, comma separated)");
        string[] symbols = names.Split(',');
        if (symbols.Length > 5)
        {
            throw MexcApiException.BadParameter("symbol", $"lists {symbols.Length} symbols; at most 5 are allowed");
        }

        foreach (string s in symbols)
        {
            PublicEndpoints.RequireSymbol(s, _exchange);
        }

        var updates = new PrivateUpdates();
        var frames = new List<(PushTopic, OutboundFrame)>();
        List<SimOrder> canceled = [];
        lock (_exchange.Gate)
        {
            long now = _exchange.NowMs;
            foreach (string s in symbols)
            {
                canceled.AddRange(_exchange.Engine.CancelAll(s, now, updates));
            }

            _frames.Private(updates, _exchange.Hub, id => _exchange.Symbols[id].Utf8Name, now, frames);
        }

        await PublishAsync(frames).ConfigureAwait(false);
        return JsonResult.Of(j =>
        {
            j.WriteStartArray();
            foreach (SimOrder order in canceled)
            {
                WriteOrder(j, order, full: false);
            }

            j.WriteEndArray();
        });
    }

    private IResult MyTrades(SignedRequest request)
    {
        SimulatedSymbol symbol = PublicEndpoints.RequireSymbol(request.Get("symbol"), _exchange);
        int limit = PublicEndpoints.Limit(request.Get("limit"), 100, 100);
        long? start = PublicEndpoints.OptionalLong(request.Get("startTime"), "startTime");
        long? end = PublicEndpoints.OptionalLong(request.Get("endTime"), "endTime");
        List<SimFill> fills;
        lock (_exchange.Gate)
        {
            fills = _exchange.Engine.Trades(symbol.Name, request.Get("orderId"), start, end, limit);
        }

        return JsonResult.Of(j =>
        {
            j.WriteStartArray();
            foreach (SimFill f in fills)
            {
                j.WriteStartObject();
                j.WriteString("symbol", f.Symbol);
                j.WriteString("id", f.TradeId);
                j.WriteString("orderId", f.OrderId);
                j.WriteNumber("orderListId", -1);
                j.WriteMoney("price", f.Price);
                j.WriteMoney("qty", f.Quantity);
                j.WriteMoney("quoteQty", f.QuoteQuantity);
                j.WriteMoney("commission", f.Commission);
                j.WriteString("commissionAsset", f.CommissionAsset);
                j.WriteNumber("time", f.TimeMs);
                j.WriteBoolean("isBuyer", f.Side == Side.Buy);
                j.WriteBoolean("isMaker", f.IsMaker);
                j.WriteBoolean("isBestMatch", true);
                j.WriteBoolean("isSelfTrade", false);
                j.WriteString("clientOrderId", f.ClientOrderId);
                j.WriteEndObject();
            }

            j.WriteEndArray();
        });
    }

    private IResult NewListenKey(SignedRequest request)
    {
        string key = _exchange.CreateListenKey();
        return JsonResult.Of(j =>
        {
            j.WriteStartObject();
            j.WriteString("listenKey", key);
            j.WriteEndObject();
        });
    }

    private IResult ListenKey(SignedRequest request, bool extend)
    {
        string key = request.Get("listenKey") ?? throw MexcApiException.BadParameter("listenKey", "is required");
        bool ok = extend ? _exchange.ExtendListenKey(key) : _exchange.CloseListenKey(key);
        if (!ok)
        {
            throw MexcApiException.BadParameter("listenKey", "does not exist or has expired");
        }

        return JsonResult.Of(j =>
        {
            j.WriteStartObject();
            j.WriteString("listenKey", key);
            j.WriteEndObject();
        });
    }

    private async Task PublishAsync(List<(PushTopic Topic, OutboundFrame Frame)> frames)
    {
        foreach ((PushTopic topic, OutboundFrame frame) in frames)
        {
            await _exchange.Hub.PublishAsync(topic, frame, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static (string? OrderId, string? ClientOrderId) OrderReference(SignedRequest request)
    {
        string? orderId = request.Get("orderId");
        string? clientId = request.Get("origClientOrderId");
        return orderId is null && clientId is null
            ? throw MexcApiException.BadParameter("orderId", "or origClientOrderId is required")
            : (orderId, clientId);
    }

    private static OrderTicket ParseTicket(SignedRequest request)
    {
        string symbol = request.Get("symbol") ?? throw MexcApiException.BadParameter("symbol", "is required");
        Side side = request.Get("side") switch
        {
            "BUY" => Side.Buy,
            "SELL" => Side.Sell,
            string other => throw MexcApiException.BadParameter("side", $"'{other}' is not BUY or SELL"),
            null => throw MexcApiException.BadParameter("side", "is required (BUY or SELL)"),
        };
        string? typeText = request.Get("type");
        if (!SimOrderWire.TryParseType(typeText, out SimOrderType type))
        {
            throw MexcApiException.BadParameter("type", typeText is null
                ? "is required"
                : $"'{typeText}' is not LIMIT, MARKET, LIMIT_MAKER, IMMEDIATE_OR_CANCEL or FILL_OR_KILL");
        }

        return new OrderTicket(symbol, side, type, Decimal(request, "quantity"), Decimal(request, "quoteOrderQty"), Decimal(request, "price"), request.Get("newClientOrderId"));
    }

    private static Fixed8? Decimal(SignedRequest request, string name)
    {
        string? text = request.Get(name);
        if (text is null)
        {
            return null;
        }

        return Fixed8.TryParse(text.AsSpan(), out Fixed8 value)
            ? value
            : throw MexcApiException.BadParameter(name, $"'{text}' is not a decimal number with at most 8 decimals");
    }

    private static void WriteOrder(Utf8JsonWriter j, SimOrder order, bool full)
    {
        j.WriteStartObject();
        j.WriteString("symbol", order.Symbol);
        if (!full)
        {
            j.WriteString("origClientOrderId", order.ClientOrderId);
        }

        j.WriteString("orderId", order.OrderId);
        j.WriteNumber("orderListId", -1);
        j.WriteString("clientOrderId", order.ClientOrderId);
        j.WriteMoney("price", order.Price);
        j.WriteMoney("origQty", order.OriginalQuantity);
        j.WriteMoney("executedQty", order.ExecutedQuantity);
        j.WriteMoney("cummulativeQuoteQty", order.CumulativeQuote);
        j.WriteString("status", order.Status.ToWire());
        j.WriteNull("timeInForce");
        j.WriteString("type", order.Type.ToWire());
        j.WriteString("side", order.Side.ToWire());
        if (full)
        {
            j.WriteMoney("stopPrice", Fixed8.Zero);
            j.WriteMoney("icebergQty", Fixed8.Zero);
            j.WriteNumber("time", order.CreateTimeMs);
            j.WriteNumber("updateTime", order.UpdateTimeMs);
            j.WriteBoolean("isWorking", order.IsWorking);
            j.WriteMoney("origQuoteOrderQty", order.OriginalQuoteQuantity);
        }

        j.WriteEndObject();
    }
}
