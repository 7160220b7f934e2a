using System.Runtime.CompilerServices;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// Reads MEXC's string-encoded numbers as the value of the reader's current field (see
/// <see cref="ProtoReader.TryReadField"/>), reporting a bad number at the string's offset.
/// </summary>
internal static class WireFields
{
    public static bool TryReadDecimalField(this ref ProtoReader reader, out Fixed8 value)
    {
        value = default;
        return reader.TryReadBytesField(out ReadOnlySpan<byte> text, out int offset)
            && (WireText.TryParseDecimal(text, out value) || reader.Fail(ProtoError.BadDecimal, offset));
    }

    public static bool TryReadIntegerField(this ref ProtoReader reader, out long value)
    {
        value = 0;
        return reader.TryReadBytesField(out ReadOnlySpan<byte> text, out int offset)
            && (WireText.TryParseInteger(text, out value) || reader.Fail(ProtoError.BadInteger, offset));
    }

    /// <summary>Skips a known string field we do not use, still insisting on its wire type.</summary>
    public static bool TrySkipStringField(this ref ProtoReader reader) => reader.TryReadBytesField(out _, out _);

    /// <summary>Skips a known varint field we do not use, still insisting on its wire type.</summary>
    public static bool TrySkipVarintField(this ref ProtoReader reader) => reader.TryReadInt64Field(out _);

    /// <summary>
    /// The run of depth level items that follows, as MEXC always sends them: tag <c>0a</c> (ask) or <c>12</c> (bid), then
    /// <c>len 0a len price 12 len quantity</c> with one-byte lengths. Exactly that shape is parsed in place, without the
    /// field loop; the first item that differs (other order, extra or missing fields, a bad number) is left to the
    /// general path (<see cref="TryReadPriceLevelField"/>), which also reports errors.
    /// </summary>
    public static void ReadPriceLevelRun(this ref ProtoReader reader, DepthLevels levels)
    {
        ReadOnlySpan<byte> rest = reader.Remaining;
        int at = 0;
        while (rest.Length - at >= 6)
        {
            int tag = rest[at];
            int size = rest[at + 1];
            int priceLength = rest[at + 3];
            int quantityTag = 2 + priceLength; // relative to the item's first byte, at + 2
            int item = at + 2;
            if ((tag != 0x0a && tag != 0x12) || size >= 0x80 || size > rest.Length - item || rest[item] != 0x0a
                || quantityTag + 1 >= size || rest[item + quantityTag] != 0x12 || rest[item + quantityTag + 1] != size - quantityTag - 2
                || !Fixed8.TryParseShort(rest.Slice(item + 2, priceLength), out Fixed8 price)
                || !Fixed8.TryParseShort(rest.Slice(item + quantityTag + 2, size - quantityTag - 2), out Fixed8 quantity))
            {
                break;
            }

            if (tag == 0x12)
            {
                levels.AddBid(new PriceLevel(price, quantity));
            }
            else
            {
                levels.AddAsk(new PriceLevel(price, quantity));
            }

            at = item + size;
        }

        reader.Advance(at);
    }

    /// <summary>
    /// The run of deal items (tag <c>0a</c>, a length under 128) that follows, each read in place when it has MEXC's
    /// usual shape (see <see cref="DealsFields.TryAddUsualTrade"/>), and the eventType string (tag <c>12</c>, which MEXC
    /// sends after the deals) skipped in place too; the first field that differs is left to the general path, which
    /// also reports errors.
    /// </summary>
    public static void ReadTradeRun(this ref ProtoReader reader, ref DealsFields deals)
    {
        ReadOnlySpan<byte> rest = reader.Remaining;
        int at = 0;
        while (rest.Length - at >= 2)
        {
            int tag = rest[at];
            int size = rest[at + 1];
            int end = at + 2 + size;
            if ((tag != 0x0a && tag != 0x12) || size >= 0x80 || end > rest.Length || (tag == 0x0a && !deals.TryAddUsualTrade(rest, at + 2, end)))
            {
                break;
            }

            at = end;
        }

        reader.Advance(at);
    }

    /// <summary>A depth level item (price 1, quantity 2) as the current field.</summary>
    public static bool TryReadPriceLevelField(this ref ProtoReader reader, out PriceLevel level)
    {
        level = default;
        if (!reader.TryReadMessageField(out ProtoReader item))
        {
            return false;
        }

        var fields = default(LevelFields);
        if (!item.TryReadFields(ref fields))
        {
            return reader.Adopt(item);
        }

        level = new PriceLevel(fields.Price, fields.Quantity);
        return true;
    }
}
