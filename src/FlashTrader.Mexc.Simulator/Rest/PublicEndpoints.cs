using System.Globalization;
using System.Text.Json;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Mexc.Simulator.Market;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace FlashTrader.Mexc.Simulator.Rest;

/// <summary>MEXC's public market-data endpoints (GET /api/v3/...), served from the replayed market at the current replay time.</summary>
internal static class PublicEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SimulatedExchange exchange)
    {
        app.MapGet("/api/v3/ping", () => JsonResult.Of(j =>
        {
            j.WriteStartObject();
            j.WriteEndObject();
        }));
        app.MapGet("/api/v3/time", () => JsonResult.Of(j =>
        {
            j.WriteStartObject();
            j.WriteNumber("serverTime", exchange.NowMs);
            j.WriteEndObject();
        }));
        app.MapGet("/api/v3/exchangeInfo", (HttpContext c) => Guard(() => ExchangeInfo(c.Request.Query, exchange)));
        app.MapGet("/api/v3/depth", async (HttpContext c) =>
        {
            if (exchange.Options.Unaggregated && exchange.TryGetSymbol(c.Request.Query["symbol"].ToString(), out SimulatedSymbol held))
            {
                // Answer with the recorded snapshot, once the replay holds at it; the pause lets the pushes before it
                // reach the client first, so it sees the snapshot where a replay does.
                await exchange.SnapshotReady(held.Id).WaitAsync(c.RequestAborted).ConfigureAwait(false);
                await Task.Delay(UnaggregatedSnapshotPause, c.RequestAborted).ConfigureAwait(false);
            }

            return Guard(() => Depth(c.Request.Query, exchange));
        });
        app.MapGet("/api/v3/trades", (HttpContext c) => Guard(() => Trades(c.Request.Query, exchange, aggregated: false)));
        app.MapGet("/api/v3/aggTrades", (HttpContext c) => Guard(() => Trades(c.Request.Query, exchange, aggregated: true)));
        app.MapGet("/api/v3/klines", (HttpContext c) => Guard(() => Klines(c.Request.Query, exchange)));
        app.MapGet("/api/v3/ticker/bookTicker", (HttpContext c) => Guard(() => PerSymbol(c.Request.Query, exchange, WriteBookTicker)));
        app.MapGet("/api/v3/ticker/24hr", (HttpContext c) => Guard(() => PerSymbol(c.Request.Query, exchange, WriteTicker24h)));
    }

    /// <summary>How long an unaggregated replay's snapshot answer waits after the replay reached it.</summary>
    private static readonly TimeSpan UnaggregatedSnapshotPause = TimeSpan.FromMilliseconds(200);

    internal static IResult Guard(Func<IResult> handler)
    {
        try
        {
            return handler();
        }
        catch (MexcApiException ex)
        {
            return JsonResult.Error(ex);
        }
    }

    internal static SimulatedSymbol RequireSymbol(IQueryCollection query, SimulatedExchange exchange) =>
        RequireSymbol(query["symbol"].ToString(), exchange);

    internal static SimulatedSymbol RequireSymbol(string? name, SimulatedExchange exchange)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw MexcApiException.BadParameter("symbol", "is required");
        }

        return exchange.TryGetSymbol(name, out SimulatedSymbol symbol)
            ? symbol
            : throw new MexcApiException(400, MexcErrorCode.InvalidSymbol, $"Invalid symbol: {name}");
    }

    internal static int Limit(string? text, int fallback, int max, string name = "limit")
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
        {
            throw MexcApiException.BadParameter(name, $"'{text}' is not a whole number of 1 or more");
        }

        return Math.Min(value, max);
    }

    internal static long? OptionalLong(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw MexcApiException.BadParameter(name, $"'{text}' is not a whole number");
    }

    private static IResult ExchangeInfo(IQueryCollection query, SimulatedExchange exchange)
    {
        string? one = query["symbol"];
        string? many = query["symbols"];
        List<SimulatedSymbol> symbols = !string.IsNullOrEmpty(one) ? [RequireSymbol(one, exchange)]
            : !string.IsNullOrEmpty(many) ? [.. many.Split(',').Select(s => RequireSymbol(s, exchange))]
            : [.. exchange.Symbols];
        return JsonResult.Of(j =>
        {
            j.WriteStartObject();
            j.WriteString("timezone", "CST");
            j.WriteNumber("serverTime", exchange.NowMs);
            j.WriteStartArray("rateLimits");
            j.WriteEndArray();
            j.WriteStartArray("exchangeFilters");
            j.WriteEndArray();
            j.WriteStartArray("symbols");
            foreach (SimulatedSymbol s in symbols)
            {
                WriteSymbolRules(j, s.Instrument);
            }

            j.WriteEndArray();
            j.WriteEndObject();
        });
    }

    private static void WriteSymbolRules(Utf8JsonWriter j, Instrument i)
    {
        j.WriteStartObject();
        j.WriteString("symbol", i.Symbol);
        j.WriteString("status", "1");
        j.WriteString("baseAsset", i.BaseAsset);
        j.WriteNumber("baseAssetPrecision", i.QuantityDecimals);
        j.WriteString("quoteAsset", i.QuoteAsset);
        j.WriteNumber("quotePrecision", i.PriceDecimals);
        j.WriteNumber("quoteAssetPrecision", i.PriceDecimals);
        j.WriteNumber("baseCommissionPrecision", i.QuantityDecimals);
        j.WriteNumber("quoteCommissionPrecision", i.PriceDecimals);
        j.WriteStartArray("orderTypes");
        foreach (string type in new[] { "LIMIT", "MARKET", "LIMIT_MAKER", "IMMEDIATE_OR_CANCEL", "FILL_OR_KILL" })
        {
            j.WriteStringValue(type);
        }

        j.WriteEndArray();
        j.WriteBoolean("isSpotTradingAllowed", true);
        j.WriteBoolean("isMarginTradingAllowed", false);
        j.WriteString("quoteAmountPrecision", JsonResult.Format(i.MinNotional));
        j.WriteMoney("baseSizePrecision", i.MinQuantity);
        j.WriteStartArray("permissions");
        j.WriteStringValue("SPOT");
        j.WriteEndArray();
        j.WriteStartArray("filters");
        j.WriteEndArray();
        j.WriteString("maxQuoteAmount", "2000000");
        j.WriteString("makerCommission", JsonResult.Format(i.MakerFeeRate));
        j.WriteString("takerCommission", JsonResult.Format(i.TakerFeeRate));
        j.WriteString("quoteAmountPrecisionMarket", JsonResult.Format(i.MinNotional));
        j.WriteString("maxQuoteAmountMarket", "100000");
        j.WriteString("fullName", i.BaseAsset);
        j.WriteNumber("tradeSideType", 1);
        j.WriteEndObject();
    }

    private static IResult Depth(IQueryCollection query, SimulatedExchange exchange)
    {
        SimulatedSymbol symbol = RequireSymbol(query, exchange);
        int limit = Limit(query["limit"], 100, 5000);
        return JsonResult.Of(j =>
        {
            lock (exchange.Gate)
            {
                OrderBook book = symbol.Book;
                j.WriteStartObject();
                j.WriteNumber("lastUpdateId", book.LastUpdateId);
                j.WriteStartArray("bids");
                WriteLevels(j, book.BidsFromBest, limit);
                j.WriteEndArray();
                j.WriteStartArray("asks");
                WriteLevels(j, book.AsksFromBest, limit);
                j.WriteEndArray();
                long snapshotNs = exchange.Options.Unaggregated ? exchange.SnapshotTimeNs(symbol.Id) : 0;
                j.WriteNumber("timestamp", (snapshotNs > 0 ? snapshotNs : book.LastUpdateTimeNs) / 1_000_000);
                j.WriteEndObject();
                exchange.OnSnapshotServed(symbol.Id);
            }
        });
    }

    private static void WriteLevels(Utf8JsonWriter j, BookSide.LevelsFromBest levels, int limit)
    {
        int n = 0;
        foreach (PriceLevel level in levels)
        {
            if (n++ == limit)
            {
                break;
            }

            j.WriteStartArray();
            j.WriteMoneyValue(level.Price);
            j.WriteMoneyValue(level.Quantity);
            j.WriteEndArray();
        }
    }

    private static IResult Trades(IQueryCollection query, SimulatedExchange exchange, bool aggregated)
    {
        SimulatedSymbol symbol = RequireSymbol(query, exchange);
        int limit = Limit(query["limit"], 500, 1000);
        long? start = OptionalLong(query["startTime"], "startTime");
        long? end = OptionalLong(query["endTime"], "endTime");
        if (aggregated && (start is null) != (end is null))
        {
            throw MexcApiException.BadParameter(start is null ? "startTime" : "endTime", "must be sent together with " + (start is null ? "endTime" : "startTime"));
        }

        List<PublicTrade> trades;
        lock (exchange.Gate)
        {
            trades = aggregated ? symbol.Trades.Latest(limit, start, end) : symbol.Trades.Latest(limit);
        }

        return JsonResult.Of(j =>
        {
            j.WriteStartArray();
            foreach (PublicTrade t in trades)
            {
                j.WriteStartObject();
                if (aggregated)
                {
                    j.WriteNull("a");
                    j.WriteNull("f");
                    j.WriteNull("l");
                    j.WriteMoney("p", t.Price);
                    j.WriteMoney("q", t.Quantity);
                    j.WriteNumber("T", t.TimeMs);
                    j.WriteBoolean("m", t.IsBuyerMaker);
                    j.WriteBoolean("M", true);
                }
                else
                {
                    j.WriteNull("id");
                    j.WriteMoney("price", t.Price);
                    j.WriteMoney("qty", t.Quantity);
                    j.WriteMoney("quoteQty", Fixed8.Multiply(t.Price, t.Quantity));
                    j.WriteNumber("time", t.TimeMs);
                    j.WriteBoolean("isBuyerMaker", t.IsBuyerMaker);
                    j.WriteBoolean("isBestMatch", true);
                    j.WriteString("tradeType", t.Aggressor == Side.Buy ? "BID" : "ASK");
                }

                j.WriteEndObject();
            }

            j.WriteEndArray();
        });
    }

    private static IResult Klines(IQueryCollection query, SimulatedExchange exchange)
    {
        SimulatedSymbol symbol = RequireSymbol(query, exchange);
        string interval = query["interval"].ToString();
        if (!KlineIntervals.IsRestName(interval))
        {
            throw MexcApiException.BadParameter("interval", $"'{interval}' is not one of {string.Join(", ", KlineIntervals.All.Select(i => i.RestName))}");
        }

        int limit = Limit(query["limit"], 500, 1000);
        long? start = OptionalLong(query["startTime"], "startTime");
        long? end = OptionalLong(query["endTime"], "endTime");
        List<KlineBar> bars;
        lock (exchange.Gate)
        {
            bars = symbol.Klines.Query(interval, start, end, limit);
        }

        return JsonResult.Of(j =>
        {
            j.WriteStartArray();
            foreach (KlineBar bar in bars)
            {
                j.WriteStartArray();
                j.WriteNumberValue(bar.OpenTimeMs);
                j.WriteMoneyValue(bar.Open);
                j.WriteMoneyValue(bar.High);
                j.WriteMoneyValue(bar.Low);
                j.WriteMoneyValue(bar.Close);
                j.WriteMoneyValue(bar.Volume);
                j.WriteNumberValue(bar.CloseTimeMs);
                j.WriteMoneyValue(Fixed8.RoundFromDecimal(bar.QuoteVolume));
                j.WriteEndArray();
            }

            j.WriteEndArray();
        });
    }

    private static IResult PerSymbol(IQueryCollection query, SimulatedExchange exchange, Action<Utf8JsonWriter, SimulatedSymbol> write)
    {
        string? name = query["symbol"];
        SimulatedSymbol[] symbols = string.IsNullOrEmpty(name) ? exchange.Symbols : [RequireSymbol(name, exchange)];
        return JsonResult.Of(j =>
        {
            lock (exchange.Gate)
            {
                if (symbols.Length == 1 && !string.IsNullOrEmpty(name))
                {
                    write(j, symbols[0]);
                    return;
                }

                j.WriteStartArray();
                foreach (SimulatedSymbol s in symbols)
                {
                    write(j, s);
                }

                j.WriteEndArray();
            }
        });
    }

    private static void WriteBookTicker(Utf8JsonWriter j, SimulatedSymbol s)
    {
        j.WriteStartObject();
        j.WriteString("symbol", s.Name);
        j.WriteMoney("bidPrice", s.Book.BestBid.Price);
        j.WriteMoney("bidQty", s.Book.BestBid.Quantity);
        j.WriteMoney("askPrice", s.Book.BestAsk.Price);
        j.WriteMoney("askQty", s.Book.BestAsk.Quantity);
        j.WriteEndObject();
    }

    private static void WriteTicker24h(Utf8JsonWriter j, SimulatedSymbol s)
    {
        long closeTime = s.LastEventTimeMs;
        List<KlineBar> day = s.Klines.Query("1m", closeTime - 86_400_000, closeTime, int.MaxValue);
        Fixed8 open = day.Count > 0 ? day[0].Open : s.LastPrice;
        Fixed8 high = day.Count > 0 ? day.Max(b => b.High) : s.LastPrice;
        Fixed8 low = day.Count > 0 ? day.Min(b => b.Low) : s.LastPrice;
        Fixed8 volume = day.Aggregate(Fixed8.Zero, (sum, b) => sum + b.Volume);
        decimal quoteVolume = day.Sum(b => b.QuoteVolume);
        Fixed8 change = s.LastPrice - open;
        j.WriteStartObject();
        j.WriteString("symbol", s.Name);
        j.WriteMoney("priceChange", change);
        j.WriteString("priceChangePercent", open.IsZero ? "0" : JsonResult.Format(decimal.Round(change.ToDecimal() / open.ToDecimal(), 4)));
        j.WriteMoney("prevClosePrice", open);
        j.WriteMoney("lastPrice", s.LastPrice);
        j.WriteMoney("bidPrice", s.Book.BestBid.Price);
        j.WriteMoney("bidQty", s.Book.BestBid.Quantity);
        j.WriteMoney("askPrice", s.Book.BestAsk.Price);
        j.WriteMoney("askQty", s.Book.BestAsk.Quantity);
        j.WriteMoney("openPrice", open);
        j.WriteMoney("highPrice", high);
        j.WriteMoney("lowPrice", low);
        j.WriteMoney("volume", volume);
        j.WriteMoney("quoteVolume", Fixed8.RoundFromDecimal(quoteVolume));
        j.WriteNumber("openTime", day.Count > 0 ? day[0].OpenTimeMs : closeTime);
        j.WriteNumber("closeTime", closeTime);
        j.WriteNumber("count", s.TradeCount);
        j.WriteEndObject();
    }
}
