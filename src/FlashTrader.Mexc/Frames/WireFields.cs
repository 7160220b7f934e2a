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
    /// A depth level item as the current field. MEXC always sends it as <c>0a len price 12 len quantity</c> with one-byte
    /// lengths: exactly that shape is parsed in place; anything else (other order, extra or missing fields, a bad
    /// number) takes the general path, which also reports errors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryReadPriceLevelField(this ref ProtoReader reader, out PriceLevel level)
    {
        ReadOnlySpan<byte> rest = reader.Remaining;
        if (reader.FieldWireType == WireType.LengthDelimited && rest.Length >= 5)
        {
            int size = rest[0];
            int priceLength = rest[2];
            int quantityTag = 3 + priceLength;
            if (size < 0x80 && size < rest.Length && rest[1] == 0x0a && quantityTag + 1 < size
                && rest[quantityTag] == 0x12 && rest[quantityTag + 1] == size - quantityTag - 1
                && Fixed8.TryParseShort(rest.Slice(3, priceLength), out Fixed8 price)
                && Fixed8.TryParseShort(rest.Slice(quantityTag + 2, size - quantityTag - 1), out Fixed8 quantity))
            {
                reader.Advance(size + 1);
                level = new PriceLevel(price, quantity);
                return true;
            }
        }

        return TryReadLevelMessage(ref reader, out level);
    }

    private static bool TryReadLevelMessage(ref ProtoReader reader, out PriceLevel level)
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
