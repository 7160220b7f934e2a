using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

// The fields of the MEXC body messages (see shared/docs/mexc-spot-v3.md), each filled by ProtoReader.TryReadFields:
// known fields insist on their wire type, unknown ones are skipped, and values stay as the wire had them until the
// decoder turns the whole body into events.

/// <summary>PublicAggreDepthsV3Api (313) and PublicLimitDepthsV3Api (303): levels go straight into the buffer.</summary>
internal ref struct DepthFields(DepthLevels levels, bool isDiff) : IProtoFields
{
    public long FirstVersion;
    public long LastVersion;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadField(ref ProtoReader reader, int fieldNumber)
    {
        switch (fieldNumber)
        {
            case 1 or 2:
                if (!reader.TryReadPriceLevelField(out PriceLevel level))
                {
                    return false;
                }

                if (fieldNumber == 2)
                {
                    levels.AddBid(level);
                }
                else
                {
                    levels.AddAsk(level);
                }

                return true;
            case 3:
                return reader.TrySkipStringField(); // eventType
            case 4:
                return reader.TryReadIntegerField(out FirstVersion); // fromVersion, or the limit depth's version
            case 5 when isDiff:
                return reader.TryReadIntegerField(out LastVersion); // toVersion
            case 5 or 6:
                return reader.TrySkipVarintField(); // lastOrderCreateTime
            default:
                return reader.SkipField();
        }
    }
}

/// <summary>One price level (the depth item messages): price 1, quantity 2.</summary>
internal struct LevelFields : IProtoFields
{
    public Fixed8 Price;
    public Fixed8 Quantity;

    public bool TryReadField(ref ProtoReader reader, int fieldNumber) => fieldNumber switch
    {
        1 => reader.TryReadDecimalField(out Price),
        2 => reader.TryReadDecimalField(out Quantity),
        _ => reader.SkipField(),
    };
}

/// <summary>PublicAggreDealsV3Api (314) and PublicDealsV3Api (301): deals 1, eventType 2.</summary>
internal struct DealsFields(PendingTrade[] pending, long frameNs) : IProtoFields
{
    public PendingTrade[] Pending = pending;
    public int Count;

    // Out of line: the usual deals are read in place (TryAddUsualTrade), and this path's locals would otherwise
    // enlarge (and zero) the caller's stack frame on every frame.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool TryReadField(ref ProtoReader reader, int fieldNumber)
    {
        switch (fieldNumber)
        {
            case 1:
                if (!reader.TryReadMessageField(out ProtoReader item))
                {
                    return false;
                }

                var deal = new TradeFields { TimeOffset = item.Offset };
                if (!item.TryReadFields(ref deal) || !deal.TryToTrade(ref item, frameNs, out PendingTrade trade))
                {
                    return reader.Adopt(item);
                }

                Add(trade);
                return true;
            case 2:
                return reader.TrySkipStringField();
            default:
                return reader.SkipField();
        }
    }

    /// <summary>
    /// One deal item in place, <paramref name="body"/>[<paramref name="at"/>..<paramref name="end"/>], when it has
    /// exactly MEXC's shape: price 1, quantity 2, tradeType 3 (one byte), time 4 (a varint of up to eight bytes, with
    /// eight bytes of the body to read) and tradeId 5, in that order, strings of up to 127 bytes. False, adding nothing,
    /// for anything else (other order, absent or extra fields, a bad number or time): the field loop then reads the
    /// item and reports any error. The caller has checked that the item is shorter than 128 bytes.
    /// </summary>
    public bool TryAddUsualTrade(ReadOnlySpan<byte> body, int at, int end)
    {
        // The caller has checked end <= body.Length, and every byte read below lies before `end` by the length checks
        // that precede it: one check per field instead of one per byte.
        ref byte b = ref MemoryMarshal.GetReference(body);
        if (end - at < 2 || Unsafe.Add(ref b, at) != 0x0a)
        {
            return false;
        }

        int length = Unsafe.Add(ref b, at + 1);
        at += 2;
        if (length > end - at || !WireText.TryParseDecimal(body[at..], length, out Fixed8 price))
        {
            return false;
        }

        at += length;
        if (end - at < 2 || Unsafe.Add(ref b, at) != 0x12)
        {
            return false;
        }

        length = Unsafe.Add(ref b, at + 1);
        at += 2;
        if (length > end - at || !WireText.TryParseDecimal(body[at..], length, out Fixed8 quantity))
        {
            return false;
        }

        at += length;
        if (end - at < 4 || Unsafe.Add(ref b, at) != 0x18 || Unsafe.Add(ref b, at + 1) >= 0x80 || Unsafe.Add(ref b, at + 2) != 0x20)
        {
            return false;
        }

        int tradeType = Unsafe.Add(ref b, at + 1);
        length = ProtoReader.TryDecodeShortVarint(body[(at + 3)..], out ulong timeMs);
        at += 3 + length;
        if (length == 0 || end - at < 2 || Unsafe.Add(ref b, at) != 0x2a)
        {
            return false;
        }

        length = Unsafe.Add(ref b, at + 1);
        at += 2;
        long exchangeNs = frameNs;
        if (length != end - at || (timeMs != 0 && !WireText.TryMillisecondsToNanoseconds((long)timeMs, out exchangeNs)))
        {
            return false;
        }

        Add(new PendingTrade(exchangeNs, price, quantity, MexcPushDecoder.SideOf(tradeType), WireText.TradeIdOf(body.Slice(at, length))));
        return true;
    }

    private void Add(in PendingTrade trade)
    {
        if (Count == Pending.Length)
        {
            Array.Resize(ref Pending, Count * 2);
        }

        Pending[Count++] = trade;
    }
}

/// <summary>One public deal: price 1, quantity 2, tradeType 3, time 4 (ms), tradeId 5.</summary>
internal ref struct TradeFields : IProtoFields
{
    public Fixed8 Price;
    public Fixed8 Quantity;
    public int TradeType;
    public long TimeMs;
    public int TimeOffset;
    public ReadOnlySpan<byte> TradeId;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadField(ref ProtoReader reader, int fieldNumber)
    {
        switch (fieldNumber)
        {
            case 1:
                return reader.TryReadDecimalField(out Price);
            case 2:
                return reader.TryReadDecimalField(out Quantity);
            case 3:
                return reader.TryReadInt32Field(out TradeType);
            case 4:
                TimeOffset = reader.FieldOffset;
                return reader.TryReadInt64Field(out TimeMs);
            case 5:
                return reader.TryReadBytesField(out TradeId, out _);
            default:
                return reader.SkipField();
        }
    }

    /// <summary>The trade; its time falls back to the frame's when absent; a time beyond the ns range is an error.</summary>
    public readonly bool TryToTrade(ref ProtoReader reader, long frameNs, out PendingTrade trade)
    {
        long exchangeNs = frameNs;
        if (TimeMs != 0 && !WireText.TryMillisecondsToNanoseconds(TimeMs, out exchangeNs))
        {
            trade = default;
            return reader.Fail(ProtoError.TimestampOutOfRange, TimeOffset);
        }

        trade = new PendingTrade(exchangeNs, Price, Quantity, MexcPushDecoder.SideOf(TradeType), WireText.TradeIdOf(TradeId));
        return true;
    }
}

/// <summary>
/// A best bid/ask: fields 1-4 (bid price, bid quantity, ask price, ask quantity), and in the aggre form (315) the
/// version 5 (a numeric string) and time 6.
/// </summary>
internal struct QuoteFields(bool withVersion) : IProtoFields
{
    public Fixed8 BidPrice;
    public Fixed8 BidQuantity;
    public Fixed8 AskPrice;
    public Fixed8 AskQuantity;
    public long Version;

    public bool TryReadField(ref ProtoReader reader, int fieldNumber) => fieldNumber switch
    {
        1 => reader.TryReadDecimalField(out BidPrice),
        2 => reader.TryReadDecimalField(out BidQuantity),
        3 => reader.TryReadDecimalField(out AskPrice),
        4 => reader.TryReadDecimalField(out AskQuantity),
        5 when withVersion => reader.TryReadIntegerField(out Version),
        6 when withVersion => reader.TrySkipVarintField(),
        _ => reader.SkipField(),
    };
}

/// <summary>PublicBookTickerBatchV3Api (311) read for its version only (2; 3 is a time): it may follow the items.</summary>
internal struct BatchVersionFields : IProtoFields
{
    public long Version;

    public bool TryReadField(ref ProtoReader reader, int fieldNumber) => fieldNumber switch
    {
        2 => reader.TryReadIntegerField(out Version),
        3 => reader.TrySkipVarintField(),
        _ => reader.SkipField(),
    };
}

/// <summary>PublicBookTickerBatchV3Api (311) read for its items (1), each a quote stamped with the batch's version.</summary>
internal struct BatchItemFields(MarketEvent[] pending, int symbolId, long frameNs, long localNs, long version) : IProtoFields
{
    public MarketEvent[] Pending = pending;
    public int Count;

    public bool TryReadField(ref ProtoReader reader, int fieldNumber)
    {
        if (fieldNumber != 1)
        {
            return reader.SkipField();
        }

        if (!reader.TryReadMessageField(out ProtoReader item))
        {
            return false;
        }

        var quote = new QuoteFields(withVersion: false);
        if (!item.TryReadFields(ref quote))
        {
            return reader.Adopt(item);
        }

        if (Count == Pending.Length)
        {
            Array.Resize(ref Pending, Count * 2);
        }

        Pending[Count++] = MarketEvent.BookTicker(symbolId, frameNs, localNs, quote.BidPrice, quote.BidQuantity, quote.AskPrice, quote.AskQuantity, version);
        return true;
    }
}

/// <summary>PublicSpotKlineV3Api (308): interval 1, window start 2 (s), open/close/high/low 3-6, volume 7, amount 8, window end 9 (s).</summary>
internal ref struct KlineFields : IProtoFields
{
    public ReadOnlySpan<byte> Interval;
    public int IntervalOffset;
    public long WindowStart;
    public int WindowStartOffset;
    public long WindowEnd;
    public Fixed8 Open;
    public Fixed8 Close;
    public Fixed8 High;
    public Fixed8 Low;
    public Fixed8 Volume;
    public Fixed8 Amount;

    public bool TryReadField(ref ProtoReader reader, int fieldNumber)
    {
        switch (fieldNumber)
        {
            case 1:
                IntervalOffset = reader.FieldOffset;
                return reader.TryReadBytesField(out Interval, out _);
            case 2:
                WindowStartOffset = reader.FieldOffset;
                return reader.TryReadInt64Field(out WindowStart);
            case 3: return reader.TryReadDecimalField(out Open);
            case 4: return reader.TryReadDecimalField(out Close);
            case 5: return reader.TryReadDecimalField(out High);
            case 6: return reader.TryReadDecimalField(out Low);
            case 7: return reader.TryReadDecimalField(out Volume);
            case 8: return reader.TryReadDecimalField(out Amount);
            case 9: return reader.TryReadInt64Field(out WindowEnd);
            default: return reader.SkipField();
        }
    }
}

/// <summary>PrivateOrdersV3Api (304), fields 1-16 as the schema numbers them.</summary>
internal ref struct OrderFields : IProtoFields
{
    public ReadOnlySpan<byte> Id;
    public ReadOnlySpan<byte> ClientId;
    public Fixed8 Price;
    public Fixed8 Quantity;
    public Fixed8 Amount;
    public Fixed8 AveragePrice;
    public int OrderType;
    public int TradeType;
    public bool IsMaker;
    public Fixed8 RemainingAmount;
    public Fixed8 RemainingQuantity;
    public Fixed8 LastDealQuantity;
    public Fixed8 CumulativeQuantity;
    public Fixed8 CumulativeAmount;
    public int Status;
    public long CreateTimeMs;
    public int CreateTimeOffset;

    public bool TryReadField(ref ProtoReader reader, int fieldNumber)
    {
        switch (fieldNumber)
        {
            case 1: return reader.TryReadBytesField(out Id, out _);
            case 2: return reader.TryReadBytesField(out ClientId, out _);
            case 3: return reader.TryReadDecimalField(out Price);
            case 4: return reader.TryReadDecimalField(out Quantity);
            case 5: return reader.TryReadDecimalField(out Amount);
            case 6: return reader.TryReadDecimalField(out AveragePrice);
            case 7: return reader.TryReadInt32Field(out OrderType);
            case 8: return reader.TryReadInt32Field(out TradeType);
            case 9: return reader.TryReadBoolField(out IsMaker);
            case 10: return reader.TryReadDecimalField(out RemainingAmount);
            case 11: return reader.TryReadDecimalField(out RemainingQuantity);
            case 12: return reader.TryReadDecimalField(out LastDealQuantity);
            case 13: return reader.TryReadDecimalField(out CumulativeQuantity);
            case 14: return reader.TryReadDecimalField(out CumulativeAmount);
            case 15: return reader.TryReadInt32Field(out Status);
            case 16:
                CreateTimeOffset = reader.FieldOffset;
                return reader.TryReadInt64Field(out CreateTimeMs);
            default: return reader.SkipField();
        }
    }
}

/// <summary>PrivateDealsV3Api (306), fields 1-12 as the schema numbers them.</summary>
internal ref struct PrivateDealFields : IProtoFields
{
    public Fixed8 Price;
    public Fixed8 Quantity;
    public Fixed8 Amount;
    public int TradeType;
    public bool IsMaker;
    public bool IsSelfTrade;
    public ReadOnlySpan<byte> TradeId;
    public ReadOnlySpan<byte> ClientOrderId;
    public ReadOnlySpan<byte> OrderId;
    public Fixed8 Fee;
    public ReadOnlySpan<byte> FeeCurrency;
    public long TimeMs;
    public int TimeOffset;

    public bool TryReadField(ref ProtoReader reader, int fieldNumber)
    {
        switch (fieldNumber)
        {
            case 1: return reader.TryReadDecimalField(out Price);
            case 2: return reader.TryReadDecimalField(out Quantity);
            case 3: return reader.TryReadDecimalField(out Amount);
            case 4: return reader.TryReadInt32Field(out TradeType);
            case 5: return reader.TryReadBoolField(out IsMaker);
            case 6: return reader.TryReadBoolField(out IsSelfTrade);
            case 7: return reader.TryReadBytesField(out TradeId, out _);
            case 8: return reader.TryReadBytesField(out ClientOrderId, out _);
            case 9: return reader.TryReadBytesField(out OrderId, out _);
            case 10: return reader.TryReadDecimalField(out Fee);
            case 11: return reader.TryReadBytesField(out FeeCurrency, out _);
            case 12:
                TimeOffset = reader.FieldOffset;
                return reader.TryReadInt64Field(out TimeMs);
            default: return reader.SkipField();
        }
    }
}

/// <summary>PrivateAccountV3Api (307): asset 1, coin id 2, balance and frozen amounts 3-6, change type 7, time 8.</summary>
internal ref struct AccountFields : IProtoFields
{
    public ReadOnlySpan<byte> Asset;
    public ReadOnlySpan<byte> CoinId;
    public Fixed8 Balance;
    public Fixed8 BalanceChange;
    public Fixed8 Frozen;
    public Fixed8 FrozenChange;
    public ReadOnlySpan<byte> ChangeType;
    public long TimeMs;
    public int TimeOffset;

    public bool TryReadField(ref ProtoReader reader, int fieldNumber)
    {
        switch (fieldNumber)
        {
            case 1: return reader.TryReadBytesField(out Asset, out _);
            case 2: return reader.TryReadBytesField(out CoinId, out _);
            case 3: return reader.TryReadDecimalField(out Balance);
            case 4: return reader.TryReadDecimalField(out BalanceChange);
            case 5: return reader.TryReadDecimalField(out Frozen);
            case 6: return reader.TryReadDecimalField(out FrozenChange);
            case 7: return reader.TryReadBytesField(out ChangeType, out _);
            case 8:
                TimeOffset = reader.FieldOffset;
                return reader.TryReadInt64Field(out TimeMs);
            default: return reader.SkipField();
        }
    }
}
