using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// The envelope of a push frame (PushDataV3ApiWrapper) with its body left undecoded: fields may come in any order,
/// so the envelope is read first and the body decoded once the symbol is known.
/// </summary>
public ref struct MexcPushWrapper : IProtoFields
{
    public ReadOnlySpan<byte> Channel { readonly get; private set; }

    public ReadOnlySpan<byte> Symbol { readonly get; private set; }

    public ReadOnlySpan<byte> SymbolId { readonly get; private set; }

    public long CreateTimeMs { readonly get; private set; }

    public int CreateTimeOffset { readonly get; private set; }

    public long SendTimeMs { readonly get; private set; }

    public int SendTimeOffset { readonly get; private set; }

    public MexcBody Body { readonly get; private set; }

    public ReadOnlySpan<byte> BodyBytes { readonly get; private set; }

    /// <summary>Where the body's bytes start in the frame (for error offsets inside it).</summary>
    public int BodyOffset { readonly get; private set; }

    /// <summary>Reads the envelope; on failure the reader holds the error and its offset.</summary>
    public static bool TryRead(ref ProtoReader reader, out MexcPushWrapper wrapper)
    {
        var fields = default(MexcPushWrapper);
        bool ok = reader.TryReadFields(ref fields);
        wrapper = fields;
        return ok;
    }

    bool IProtoFields.TryReadField(ref ProtoReader reader, int fieldNumber)
    {
        ReadOnlySpan<byte> text;
        long number;
        bool ok;
        switch (fieldNumber)
        {
            case 1:
                ok = reader.TryReadBytesField(out text, out _);
                Channel = text;
                return ok;
            case 3:
                ok = reader.TryReadBytesField(out text, out _);
                Symbol = text;
                return ok;
            case 4:
                ok = reader.TryReadBytesField(out text, out _);
                SymbolId = text;
                return ok;
            case 5:
                CreateTimeOffset = reader.FieldOffset;
                ok = reader.TryReadInt64Field(out number);
                CreateTimeMs = number;
                return ok;
            case 6:
                SendTimeOffset = reader.FieldOffset;
                ok = reader.TryReadInt64Field(out number);
                SendTimeMs = number;
                return ok;
            case >= (int)MexcBody.PublicDeals and <= (int)MexcBody.PublicAggreBookTicker:
                // A oneof: the last body on the wire wins, as in every protobuf runtime.
                ok = reader.TryReadBytesField(out text, out int offset);
                Body = (MexcBody)fieldNumber;
                BodyBytes = text;
                BodyOffset = offset;
                return ok;
            default:
                return reader.SkipField();
        }
    }
}
