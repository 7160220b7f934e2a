using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

/// <summary>Reads MEXC's string-encoded numbers straight from the wire, reporting the string's offset on failure.</summary>
internal static class WireFields
{
    public static bool TryReadDecimalField(this ref ProtoReader reader, WireType wireType, int tagOffset, out Fixed8 value)
    {
        value = default;
        return reader.TryReadBytesField(wireType, tagOffset, out ReadOnlySpan<byte> text, out int offset)
            && (WireText.TryParseDecimal(text, out value) || reader.Fail(ProtoError.BadDecimal, offset));
    }

    public static bool TryReadIntegerField(this ref ProtoReader reader, WireType wireType, int tagOffset, out long value)
    {
        value = 0;
        return reader.TryReadBytesField(wireType, tagOffset, out ReadOnlySpan<byte> text, out int offset)
            && (WireText.TryParseInteger(text, out value) || reader.Fail(ProtoError.BadInteger, offset));
    }

    /// <summary>Skips a known string field we do not use, still insisting on its wire type.</summary>
    public static bool TrySkipStringField(this ref ProtoReader reader, WireType wireType, int tagOffset) =>
        reader.TryReadBytesField(wireType, tagOffset, out _, out _);

    /// <summary>Skips a known varint field we do not use, still insisting on its wire type.</summary>
    public static bool TrySkipVarintField(this ref ProtoReader reader, WireType wireType, int tagOffset) =>
        reader.TryReadInt64Field(wireType, tagOffset, out _);
}
