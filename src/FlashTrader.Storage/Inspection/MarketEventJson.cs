using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Time;

namespace FlashTrader.Storage.Inspection;

/// <summary>
/// One event as a JSON object: kind, symbol, exchangeTime/localTime (ISO-8601 UTC) with their Unix ns, then the kind's
/// fields. Prices and quantities are strings exactly as <see cref="Fixed8"/> formats them (never through double);
/// depth levels are [[price, quantity], ...].
/// </summary>
public static class MarketEventJson
{
    public static string KindName(MarketEventKind kind) => kind switch
    {
        MarketEventKind.DepthSnapshot => "snapshot",
        MarketEventKind.DepthDiff => "depth",
        MarketEventKind.Trade => "trade",
        MarketEventKind.BookTicker => "bookTicker",
        MarketEventKind.Kline => "kline",
        MarketEventKind.RawFrame => "rawFrame",
        _ => "none",
    };

    public static void Write(Utf8JsonWriter w, in MarketEvent ev, IReadOnlyList<string> symbols)
    {
        w.WriteStartObject();
        w.WriteString("kind", KindName(ev.Kind));
        w.WriteString("symbol", (uint)ev.SymbolId < (uint)symbols.Count ? symbols[ev.SymbolId] : $"#{ev.SymbolId}");
        w.WriteString("exchangeTime", EpochTimestamp.ToIso8601(ev.ExchangeTimeNs));
        w.WriteNumber("exchangeTimeNs", ev.ExchangeTimeNs);
        w.WriteString("localTime", EpochTimestamp.ToIso8601(ev.LocalTimeNs));
        w.WriteNumber("localTimeNs", ev.LocalTimeNs);
        switch (ev.Kind)
        {
            case MarketEventKind.Trade:
                WriteFixed(w, "price", ev.Price);
                WriteFixed(w, "quantity", ev.Quantity);
                w.WriteString("side", ev.Side.ToWire());
                w.WriteNumber("tradeId", ev.TradeId);
                break;
            case MarketEventKind.BookTicker:
                WriteFixed(w, "bidPrice", ev.BidPrice);
                WriteFixed(w, "bidQuantity", ev.BidQuantity);
                WriteFixed(w, "askPrice", ev.AskPrice);
                WriteFixed(w, "askQuantity", ev.AskQuantity);
                w.WriteNumber("updateId", ev.UpdateId);
                break;
            case MarketEventKind.DepthSnapshot:
                w.WriteNumber("lastUpdateId", ev.LastUpdateId);
                WriteLevels(w, "bids", ev.Levels.Bids);
                WriteLevels(w, "asks", ev.Levels.Asks);
                break;
            case MarketEventKind.DepthDiff:
                w.WriteNumber("firstUpdateId", ev.FirstUpdateId);
                w.WriteNumber("lastUpdateId", ev.LastUpdateId);
                WriteLevels(w, "bids", ev.Levels.Bids);
                WriteLevels(w, "asks", ev.Levels.Asks);
                break;
            case MarketEventKind.Kline:
                w.WriteString("openTime", EpochTimestamp.ToIso8601(ev.OpenTimeNs));
                w.WriteNumber("openTimeNs", ev.OpenTimeNs);
                w.WriteNumber("intervalSeconds", ev.IntervalSeconds);
                WriteFixed(w, "open", ev.Open);
                WriteFixed(w, "high", ev.High);
                WriteFixed(w, "low", ev.Low);
                WriteFixed(w, "close", ev.Close);
                WriteFixed(w, "volume", ev.Volume);
                WriteFixed(w, "quoteVolume", ev.QuoteVolume);
                break;
            case MarketEventKind.RawFrame:
                w.WriteNumber("frameTag", ev.FrameTag);
                w.WriteBase64String("payload", ev.Payload);
                break;
            default:
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteFixed(Utf8JsonWriter w, string name, Fixed8 value)
    {
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out int n);
        w.WriteString(name, text[..n]);
    }

    private static void WriteLevels(Utf8JsonWriter w, string name, ReadOnlySpan<PriceLevel> levels)
    {
        Span<byte> text = stackalloc byte[32];
        w.WriteStartArray(name);
        foreach (PriceLevel level in levels)
        {
            w.WriteStartArray();
            level.Price.TryFormat(text, out int n);
            w.WriteStringValue(text[..n]);
            level.Quantity.TryFormat(text, out n);
            w.WriteStringValue(text[..n]);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
