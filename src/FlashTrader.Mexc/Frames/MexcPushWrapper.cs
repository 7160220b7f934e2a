using System.Runtime.CompilerServices;
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
        ReadOnlySpan<byte> frame = reader.Remaining;
        if (TryReadUsualShape(frame, reader.Offset, out wrapper))
        {
            reader.Advance(frame.Length);
            return true;
        }

        return TryReadFieldByField(ref reader, out wrapper);
    }

    /// <summary>The general field loop; kept out of line so the usual path's stack frame stays small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryReadFieldByField(ref ProtoReader reader, out MexcPushWrapper wrapper)
    {
        var fields = default(MexcPushWrapper);
        bool ok = reader.TryReadFields(ref fields);
        wrapper = fields;
        return ok;
    }

    /// <summary>
    /// The envelope as MEXC sends it, read with locals instead of the field loop: one-byte tags of fields 1, 3 and 4
    /// (strings of up to 127 bytes) and 5 and 6 (times, varints of up to eight bytes with eight bytes to read), and a
    /// body under a two-byte tag with a length of one or two bytes. Fields may come in any order and repeat (the last
    /// wins, as in the loop). False on anything else, malformed or merely unusual, which the field loop then reads.
    /// </summary>
    private static bool TryReadUsualShape(ReadOnlySpan<byte> frame, int baseOffset, out MexcPushWrapper wrapper)
    {
        wrapper = default;
        int pos = 0;
        while (pos < frame.Length)
        {
            int tag = frame[pos];
            if (tag is 0x0a or 0x1a or 0x22)
            {
                int start = pos + 2;
                if (start > frame.Length)
                {
                    return false;
                }

                int length = frame[pos + 1];
                if (length >= 0x80 || length > frame.Length - start)
                {
                    return false;
                }

                ReadOnlySpan<byte> text = frame.Slice(start, length);
                if (tag == 0x0a)
                {
                    wrapper.Channel = text;
                }
                else if (tag == 0x1a)
                {
                    wrapper.Symbol = text;
                }
                else
                {
                    wrapper.SymbolId = text;
                }

                pos = start + length;
            }
            else if (tag is 0x28 or 0x30)
            {
                int length = ProtoReader.TryDecodeShortVarint(frame[(pos + 1)..], out ulong ms);
                if (length == 0)
                {
                    return false;
                }

                if (tag == 0x28)
                {
                    wrapper.CreateTimeMs = (long)ms;
                    wrapper.CreateTimeOffset = baseOffset + pos;
                }
                else
                {
                    wrapper.SendTimeMs = (long)ms;
                    wrapper.SendTimeOffset = baseOffset + pos;
                }

                pos += 1 + length;
            }
            else if ((tag & 0x87) == 0x82 && frame.Length - pos >= 3)
            {
                // A length-delimited field of two tag bytes: 16 and up, the bodies 301-315 among them.
                int high = frame[pos + 1];
                int field = ((tag & 0x7F) >> 3) | (high << 4);
                if (high >= 0x80 || field < (int)MexcBody.PublicDeals || field > (int)MexcBody.PublicAggreBookTicker)
                {
                    return false;
                }

                int length = frame[pos + 2];
                int start = pos + 3;
                if (length >= 0x80)
                {
                    if (start >= frame.Length || frame[start] >= 0x80)
                    {
                        return false;
                    }

                    length = (length & 0x7F) | (frame[start] << 7);
                    start++;
                }

                if (length > frame.Length - start)
                {
                    return false;
                }

                wrapper.Body = (MexcBody)field;
                wrapper.BodyBytes = frame.Slice(start, length);
                wrapper.BodyOffset = baseOffset + start;
                pos = start + length;
            }
            else
            {
                return false;
            }
        }

        return true;
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
