using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// The envelope of a push frame (PushDataV3ApiWrapper) with its body left undecoded: fields may come in any order,
/// so the envelope is read first and the body decoded once the symbol is known.
/// </summary>
public readonly ref struct MexcPushWrapper
{
    public ReadOnlySpan<byte> Channel { get; init; }

    public ReadOnlySpan<byte> Symbol { get; init; }

    public ReadOnlySpan<byte> SymbolId { get; init; }

    public long CreateTimeMs { get; init; }

    public int CreateTimeOffset { get; init; }

    public long SendTimeMs { get; init; }

    public int SendTimeOffset { get; init; }

    public MexcBody Body { get; init; }

    public ReadOnlySpan<byte> BodyBytes { get; init; }

    /// <summary>Where the body's bytes start in the frame (for error offsets inside it).</summary>
    public int BodyOffset { get; init; }

    /// <summary>Reads the envelope; on failure the reader holds the error and its offset.</summary>
    public static bool TryRead(ref ProtoReader reader, out MexcPushWrapper wrapper)
    {
        ReadOnlySpan<byte> channel = default, symbol = default, symbolId = default, body = default;
        long createTime = 0, sendTime = 0;
        int createOffset = 0, sendOffset = 0, bodyOffset = 0, bodyField = 0;
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok;
            switch (field)
            {
                case 1:
                    ok = reader.TryReadBytesField(wireType, tagOffset, out channel, out _);
                    break;
                case 3:
                    ok = reader.TryReadBytesField(wireType, tagOffset, out symbol, out _);
                    break;
                case 4:
                    ok = reader.TryReadBytesField(wireType, tagOffset, out symbolId, out _);
                    break;
                case 5:
                    createOffset = tagOffset;
                    ok = reader.TryReadInt64Field(wireType, tagOffset, out createTime);
                    break;
                case 6:
                    sendOffset = tagOffset;
                    ok = reader.TryReadInt64Field(wireType, tagOffset, out sendTime);
                    break;
                case >= (int)MexcBody.PublicDeals and <= (int)MexcBody.PublicAggreBookTicker:
                    // A oneof: the last body on the wire wins, as in every protobuf runtime.
                    bodyField = field;
                    ok = reader.TryReadBytesField(wireType, tagOffset, out body, out bodyOffset);
                    break;
                default:
                    ok = reader.TrySkip(wireType);
                    break;
            }

            if (!ok)
            {
                break;
            }
        }

        wrapper = new MexcPushWrapper
        {
            Channel = channel,
            Symbol = symbol,
            SymbolId = symbolId,
            CreateTimeMs = createTime,
            CreateTimeOffset = createOffset,
            SendTimeMs = sendTime,
            SendTimeOffset = sendOffset,
            Body = (MexcBody)bodyField,
            BodyBytes = body,
            BodyOffset = bodyOffset,
        };
        return !reader.HasError;
    }
}
