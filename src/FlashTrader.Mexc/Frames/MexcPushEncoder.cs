using System.Buffers;
using FlashTrader.Core.Market;
using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// Encodes MarketEvents as MEXC push frames (the inverse of <see cref="MexcPushDecoder"/> for the public bodies
/// 313, 303, 314, 315 and 308, and the private bodies 304, 306 and 307), for the local MEXC simulator. Allocation-free. Timestamps go out in MEXC's units,
/// so sub-millisecond parts (and sub-second parts of a kline's open time) are dropped. Wrapper fields come in the
/// order MEXC sends them: channel, symbol, time, body.
/// </summary>
public static class MexcPushEncoder
{
    private const int LevelBound = 56; // tag, length, two tagged strings of up to 21 characters
    private const int FixedBound = 160; // wrapper tags and times, versions, times, decimals of one quote or bar

    /// <summary>An upper bound of the encoded size, to size the destination.</summary>
    public static int MaxLength(in MarketEvent marketEvent, int channelLength, int symbolLength)
    {
        int levels = marketEvent.HasLevels ? marketEvent.Levels.BidCount + marketEvent.Levels.AskCount : 0;
        return FixedBound + (2 * channelLength) + symbolLength + (levels * LevelBound);
    }

    /// <summary>
    /// Encodes one event: DepthDiff as aggre.depth (313), DepthSnapshot as limit.depth (303), Trade as aggre.deals
    /// (314) with one deal, BookTicker as aggre.bookTicker (315), Kline as spot kline (308).
    /// </summary>
    /// <returns>False when <paramref name="destination"/> is too small or the event kind has no MEXC body.</returns>
    public static bool TryEncode(in MarketEvent marketEvent, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> symbol, Span<byte> destination, out int written)
    {
        if (marketEvent.Kind == MarketEventKind.Trade)
        {
            return TryEncodeDeals(new ReadOnlySpan<MarketEvent>(in marketEvent), channel, symbol, destination, out written);
        }

        written = 0;
        var writer = new ProtoWriter(destination);
        WriteEnvelope(ref writer, channel, symbol);
        switch (marketEvent.Kind)
        {
            case MarketEventKind.DepthDiff:
                writer.WriteInt64Field(6, marketEvent.ExchangeTimeNs / 1_000_000);
                WriteDepth(ref writer, marketEvent, EventTypeOf(channel, symbol), isDiff: true);
                break;
            case MarketEventKind.DepthSnapshot:
                writer.WriteInt64Field(6, marketEvent.ExchangeTimeNs / 1_000_000);
                WriteDepth(ref writer, marketEvent, EventTypeOf(channel, symbol), isDiff: false);
                break;
            case MarketEventKind.BookTicker:
                writer.WriteInt64Field(6, marketEvent.ExchangeTimeNs / 1_000_000);
                WriteBookTicker(ref writer, marketEvent);
                break;
            case MarketEventKind.Kline:
                // Kline pushes carry createTime, not sendTime.
                writer.WriteInt64Field(5, marketEvent.ExchangeTimeNs / 1_000_000);
                if (!TryWriteKline(ref writer, marketEvent))
                {
                    return false;
                }

                break;
            default:
                return false;
        }

        written = writer.Overflowed ? 0 : writer.Length;
        return !writer.Overflowed;
    }

    /// <summary>Encodes several trades of one symbol as one aggre.deals frame (sendTime from the last trade).</summary>
    public static bool TryEncodeDeals(ReadOnlySpan<MarketEvent> trades, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> symbol, Span<byte> destination, out int written)
    {
        written = 0;
        if (trades.IsEmpty)
        {
            return false;
        }

        var writer = new ProtoWriter(destination);
        WriteEnvelope(ref writer, channel, symbol);
        writer.WriteInt64Field(6, trades[^1].ExchangeTimeNs / 1_000_000);
        int body = writer.BeginMessage((int)MexcBody.PublicAggreDeals);
        foreach (ref readonly MarketEvent trade in trades)
        {
            if (trade.Kind != MarketEventKind.Trade)
            {
                return false;
            }

            int item = writer.BeginMessage(1);
            writer.WriteDecimalField(1, trade.Price);
            writer.WriteDecimalField(2, trade.Quantity);
            if (trade.Side != Side.None)
            {
                writer.WriteInt64Field(3, trade.Side == Side.Buy ? 1 : 2);
            }

            writer.WriteInt64Field(4, trade.ExchangeTimeNs / 1_000_000);
            if (trade.TradeId != 0)
            {
                writer.WriteIntegerStringField(5, trade.TradeId);
            }

            writer.EndMessage(item);
        }

        ReadOnlySpan<byte> eventType = EventTypeOf(channel, symbol);
        if (!eventType.IsEmpty)
        {
            writer.WriteBytesField(2, eventType);
        }

        writer.EndMessage(body);
        written = writer.Overflowed ? 0 : writer.Length;
        return !writer.Overflowed;
    }

    /// <summary>Writes into an <see cref="IBufferWriter{T}"/>; returns the bytes written (0 for an unencodable event).</summary>
    public static int Encode(in MarketEvent marketEvent, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> symbol, IBufferWriter<byte> output)
    {
        Span<byte> span = output.GetSpan(MaxLength(marketEvent, channel.Length, symbol.Length));
        if (!TryEncode(marketEvent, channel, symbol, span, out int written))
        {
            return 0;
        }

        output.Advance(written);
        return written;
    }

    /// <summary>Upper bound of an encoded private push (ids and decimals are short; the channel is one of three).</summary>
    public const int PrivateMaxLength = 1024;

    /// <summary>Encodes a private orders push (body 304) on spot@private.orders.v3.api.pb.</summary>
    public static bool TryEncodeOrder(in PrivateOrderUpdate order, ReadOnlySpan<byte> symbol, long sendTimeMs, Span<byte> destination, out int written)
    {
        var writer = new ProtoWriter(destination);
        WriteEnvelope(ref writer, "spot@private.orders.v3.api.pb"u8, symbol);
        writer.WriteInt64Field(6, sendTimeMs);
        int body = writer.BeginMessage((int)MexcBody.PrivateOrders);
        WriteText(ref writer, 1, order.OrderId);
        WriteText(ref writer, 2, order.ClientOrderId);
        writer.WriteDecimalField(3, order.Price);
        writer.WriteDecimalField(4, order.Quantity);
        writer.WriteDecimalField(5, order.Amount);
        writer.WriteDecimalField(6, order.AveragePrice);
        writer.WriteInt64Field(7, (int)order.OrderType);
        writer.WriteInt64Field(8, order.Side == Side.Buy ? 1 : 2);
        writer.WriteInt64Field(9, order.IsMaker ? 1 : 0);
        writer.WriteDecimalField(10, order.RemainingAmount);
        writer.WriteDecimalField(11, order.RemainingQuantity);
        if (!order.LastDealQuantity.IsZero)
        {
            writer.WriteDecimalField(12, order.LastDealQuantity);
        }

        writer.WriteDecimalField(13, order.CumulativeQuantity);
        writer.WriteDecimalField(14, order.CumulativeAmount);
        writer.WriteInt64Field(15, (int)order.Status);
        writer.WriteInt64Field(16, order.CreateTimeNs / 1_000_000);
        writer.EndMessage(body);
        written = writer.Overflowed ? 0 : writer.Length;
        return !writer.Overflowed;
    }

    /// <summary>Encodes a private deals push (body 306) on spot@private.deals.v3.api.pb.</summary>
    public static bool TryEncodeDeal(in PrivateDeal deal, ReadOnlySpan<byte> symbol, long sendTimeMs, Span<byte> destination, out int written)
    {
        var writer = new ProtoWriter(destination);
        WriteEnvelope(ref writer, "spot@private.deals.v3.api.pb"u8, symbol);
        writer.WriteInt64Field(6, sendTimeMs);
        int body = writer.BeginMessage((int)MexcBody.PrivateDeals);
        writer.WriteDecimalField(1, deal.Price);
        writer.WriteDecimalField(2, deal.Quantity);
        writer.WriteDecimalField(3, deal.Amount);
        writer.WriteInt64Field(4, deal.Side == Side.Buy ? 1 : 2);
        writer.WriteInt64Field(5, deal.IsMaker ? 1 : 0);
        writer.WriteInt64Field(6, deal.IsSelfTrade ? 1 : 0);
        WriteText(ref writer, 7, deal.TradeId);
        WriteText(ref writer, 8, deal.ClientOrderId);
        WriteText(ref writer, 9, deal.OrderId);
        writer.WriteDecimalField(10, deal.FeeAmount);
        WriteText(ref writer, 11, deal.FeeAsset);
        writer.WriteInt64Field(12, deal.TradeTimeNs / 1_000_000);
        writer.EndMessage(body);
        written = writer.Overflowed ? 0 : writer.Length;
        return !writer.Overflowed;
    }

    /// <summary>Encodes a private account push (body 307) on spot@private.account.v3.api.pb (no symbol in the wrapper).</summary>
    public static bool TryEncodeAccount(in PrivateAccountUpdate account, long sendTimeMs, Span<byte> destination, out int written)
    {
        var writer = new ProtoWriter(destination);
        writer.WriteBytesField(1, "spot@private.account.v3.api.pb"u8);
        writer.WriteInt64Field(6, sendTimeMs);
        int body = writer.BeginMessage((int)MexcBody.PrivateAccount);
        WriteText(ref writer, 1, account.Asset);
        WriteText(ref writer, 2, account.CoinId);
        writer.WriteDecimalField(3, account.Balance);
        writer.WriteDecimalField(4, account.BalanceChange);
        writer.WriteDecimalField(5, account.Frozen);
        writer.WriteDecimalField(6, account.FrozenChange);
        WriteText(ref writer, 7, account.ChangeType);
        writer.WriteInt64Field(8, account.ChangeTimeNs / 1_000_000);
        writer.EndMessage(body);
        written = writer.Overflowed ? 0 : writer.Length;
        return !writer.Overflowed;
    }

    private static void WriteText(ref ProtoWriter writer, int field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        Span<byte> utf8 = stackalloc byte[256];
        int length = System.Text.Encoding.UTF8.GetBytes(text.AsSpan(0, Math.Min(text.Length, 64)), utf8);
        writer.WriteBytesField(field, utf8[..length]);
    }

    private static void WriteEnvelope(ref ProtoWriter writer, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> symbol)
    {
        writer.WriteBytesField(1, channel);
        writer.WriteBytesField(3, symbol);
    }

    private static void WriteDepth(ref ProtoWriter writer, in MarketEvent depth, ReadOnlySpan<byte> eventType, bool isDiff)
    {
        int body = writer.BeginMessage(isDiff ? (int)MexcBody.PublicAggreDepths : (int)MexcBody.PublicLimitDepths);
        DepthLevels levels = depth.Levels;
        WriteLevels(ref writer, 1, levels.Asks);
        WriteLevels(ref writer, 2, levels.Bids);
        if (!eventType.IsEmpty)
        {
            writer.WriteBytesField(3, eventType);
        }

        if (isDiff)
        {
            writer.WriteIntegerStringField(4, depth.FirstUpdateId);
            writer.WriteIntegerStringField(5, depth.LastUpdateId);
        }
        else
        {
            writer.WriteIntegerStringField(4, depth.LastUpdateId);
        }

        writer.EndMessage(body);
    }

    private static void WriteLevels(ref ProtoWriter writer, int field, ReadOnlySpan<PriceLevel> levels)
    {
        foreach (PriceLevel level in levels)
        {
            int item = writer.BeginMessage(field);
            writer.WriteDecimalField(1, level.Price);
            writer.WriteDecimalField(2, level.Quantity);
            writer.EndMessage(item);
        }
    }

    private static void WriteBookTicker(ref ProtoWriter writer, in MarketEvent quote)
    {
        int body = writer.BeginMessage((int)MexcBody.PublicAggreBookTicker);
        writer.WriteDecimalField(1, quote.BidPrice);
        writer.WriteDecimalField(2, quote.BidQuantity);
        writer.WriteDecimalField(3, quote.AskPrice);
        writer.WriteDecimalField(4, quote.AskQuantity);
        if (quote.UpdateId != 0)
        {
            writer.WriteIntegerStringField(5, quote.UpdateId);
        }

        writer.EndMessage(body);
    }

    private static bool TryWriteKline(ref ProtoWriter writer, in MarketEvent bar)
    {
        if (!KlineInterval.TryGetName(bar.IntervalSeconds, out ReadOnlySpan<byte> interval))
        {
            return false;
        }

        long start = bar.OpenTimeNs / 1_000_000_000;
        int body = writer.BeginMessage((int)MexcBody.PublicSpotKline);
        writer.WriteBytesField(1, interval);
        writer.WriteInt64Field(2, start);
        writer.WriteDecimalField(3, bar.Open);
        writer.WriteDecimalField(4, bar.Close);
        writer.WriteDecimalField(5, bar.High);
        writer.WriteDecimalField(6, bar.Low);
        writer.WriteDecimalField(7, bar.Volume);
        writer.WriteDecimalField(8, bar.QuoteVolume);
        writer.WriteInt64Field(9, start + bar.IntervalSeconds);
        writer.EndMessage(body);
        return true;
    }

    /// <summary>
    /// MEXC's eventType: the channel up to the symbol, e.g. "spot@public.aggre.deals.v3.api.pb@100ms" for
    /// "...@100ms@BTCUSDT" or "spot@public.limit.depth.v3.api.pb" for "...pb@BTCUSDT@5". Empty if the symbol is not in it.
    /// </summary>
    private static ReadOnlySpan<byte> EventTypeOf(ReadOnlySpan<byte> channel, ReadOnlySpan<byte> symbol)
    {
        int search = 0;
        while (!symbol.IsEmpty)
        {
            int at = channel[search..].IndexOf(symbol);
            if (at < 0)
            {
                break;
            }

            at += search;
            int end = at + symbol.Length;
            if (at > 0 && channel[at - 1] == (byte)'@' && (end == channel.Length || channel[end] == (byte)'@'))
            {
                return channel[..(at - 1)];
            }

            search = at + 1;
        }

        return default;
    }
}
