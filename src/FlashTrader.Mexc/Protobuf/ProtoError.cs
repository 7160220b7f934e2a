namespace FlashTrader.Mexc.Protobuf;

/// <summary>Why a frame could not be decoded. Paired with the byte offset where the problem starts.</summary>
public enum ProtoError : byte
{
    None = 0,

    /// <summary>The frame ends inside a tag, varint, fixed-width value or length.</summary>
    Truncated,

    /// <summary>A varint runs past ten bytes (or its tenth byte carries more than the top bit).</summary>
    VarintTooLong,

    /// <summary>A tag carries wire type 6 or 7.</summary>
    InvalidWireType,

    /// <summary>A tag carries the deprecated group wire types 3 or 4.</summary>
    GroupNotSupported,

    /// <summary>A tag carries field number 0 or one above 2^29 - 1.</summary>
    InvalidFieldNumber,

    /// <summary>A length-delimited field claims more bytes than its enclosing message holds.</summary>
    LengthBeyondFrame,

    /// <summary>A known field arrived with a wire type its schema does not allow.</summary>
    WrongWireType,

    /// <summary>A price or quantity string is not a decimal with at most eight places within the Fixed8 range.</summary>
    BadDecimal,

    /// <summary>A version or id string is not a non-negative integer that fits in 64 bits.</summary>
    BadInteger,

    /// <summary>A kline interval string is not one of Min1..Month1.</summary>
    UnknownInterval,

    /// <summary>A string field is not valid UTF-8.</summary>
    InvalidUtf8,

    /// <summary>A millisecond or second timestamp is too large to express in Unix nanoseconds.</summary>
    TimestampOutOfRange,
}

public static class ProtoErrorText
{
    public static string Describe(this ProtoError error) => error switch
    {
        ProtoError.None => "no error",
        ProtoError.Truncated => "frame truncated",
        ProtoError.VarintTooLong => "varint longer than 10 bytes",
        ProtoError.InvalidWireType => "invalid wire type (6 or 7)",
        ProtoError.GroupNotSupported => "group wire type (3 or 4) not supported",
        ProtoError.InvalidFieldNumber => "invalid field number",
        ProtoError.LengthBeyondFrame => "length-delimited field extends beyond its message",
        ProtoError.WrongWireType => "field has the wrong wire type for its schema",
        ProtoError.BadDecimal => "not a decimal with at most 8 places",
        ProtoError.BadInteger => "not a non-negative 64-bit integer",
        ProtoError.UnknownInterval => "unknown kline interval",
        ProtoError.InvalidUtf8 => "string is not valid UTF-8",
        ProtoError.TimestampOutOfRange => "timestamp out of range",
        _ => "unknown error",
    };
}
