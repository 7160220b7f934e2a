using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// Full-fidelity JSON view of any push frame, for inspection tools: every schema field present on the wire under
/// its .proto name (the body under its oneof name, e.g. publicAggreDeals), strings exactly as sent, int64 and
/// int32 as JSON numbers, repeated fields as arrays, absent fields omitted. A scalar sent more than once shows its
/// last value, and of several bodies the last one, as protobuf runtimes do. Fields the schema does not know are
/// checked for well-formedness and left out.
/// </summary>
public static class MexcFrameJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Writes the frame as one JSON object. The frame is validated completely first, so on failure nothing has
    /// been written and <paramref name="error"/> / <paramref name="errorOffset"/> say what and where.
    /// </summary>
    public static bool TryWrite(ReadOnlySpan<byte> frame, Utf8JsonWriter writer, out ProtoError error, out int errorOffset)
    {
        var reader = new ProtoReader(frame);
        if (!Validate(ref reader, MexcSchema.Wrapper))
        {
            error = reader.Error;
            errorOffset = reader.ErrorOffset;
            return false;
        }

        WriteMessage(frame, MexcSchema.Wrapper, writer, isWrapper: true);
        error = ProtoError.None;
        errorOffset = -1;
        return true;
    }

    /// <summary>The frame as a JSON string; throws <see cref="FormatException"/> naming the error and byte offset.</summary>
    public static string ToJson(ReadOnlySpan<byte> frame)
    {
        var buffer = new ArrayBufferWriter<byte>(frame.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            if (!TryWrite(frame, writer, out ProtoError error, out int offset))
            {
                throw new FormatException($"{error.Describe()} at byte offset {offset}");
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The writer options the tool uses: non-ASCII and HTML characters unescaped.</summary>
    public static JsonWriterOptions WriterOptions => Options;

    private static bool Validate(ref ProtoReader reader, MexcMessage schema)
    {
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int number, out WireType wireType))
            {
                return !reader.HasError;
            }

            MexcField? field = schema.Find(number);
            bool ok;
            switch (field?.Kind)
            {
                case null:
                    ok = reader.TrySkip(wireType);
                    break;
                case MexcFieldKind.String:
                    ok = reader.TryReadBytesField(wireType, tagOffset, out ReadOnlySpan<byte> text, out int textOffset)
                        && (Utf8.IsValid(text) || reader.Fail(ProtoError.InvalidUtf8, textOffset));
                    break;
                case MexcFieldKind.Message or MexcFieldKind.RepeatedMessage:
                    ok = reader.TryReadMessageField(wireType, tagOffset, out ProtoReader nested)
                        && (Validate(ref nested, field.Message!) || reader.Adopt(nested));
                    break;
                default:
                    ok = reader.TryReadInt64Field(wireType, tagOffset, out _);
                    break;
            }

            if (!ok)
            {
                return false;
            }
        }
    }

    /// <summary>Writes a message already validated, so reads here cannot fail.</summary>
    private static void WriteMessage(ReadOnlySpan<byte> message, MexcMessage schema, Utf8JsonWriter writer, bool isWrapper)
    {
        int lastBody = isWrapper ? LastBodyField(message) : 0;
        writer.WriteStartObject();
        foreach (MexcField field in schema.Fields)
        {
            if (isWrapper && field.Kind == MexcFieldKind.Message && field.Number != lastBody)
            {
                continue;
            }

            if (field.Kind == MexcFieldKind.RepeatedMessage)
            {
                bool started = false;
                var reader = new ProtoReader(message);
                while (reader.TryReadTag(out int number, out WireType wireType))
                {
                    if (number == field.Number)
                    {
                        reader.TryReadBytes(out ReadOnlySpan<byte> item, out _);
                        if (!started)
                        {
                            writer.WriteStartArray(field.Name);
                            started = true;
                        }

                        WriteMessage(item, field.Message!, writer, isWrapper: false);
                    }
                    else
                    {
                        reader.TrySkip(wireType);
                    }
                }

                if (started)
                {
                    writer.WriteEndArray();
                }

                continue;
            }

            if (!TryFindLast(message, field.Number, out ReadOnlySpan<byte> bytes, out ulong varint))
            {
                continue;
            }

            switch (field.Kind)
            {
                case MexcFieldKind.String:
                    writer.WriteString(field.Name, bytes);
                    break;
                case MexcFieldKind.Int64:
                    writer.WriteNumber(field.Name, (long)varint);
                    break;
                case MexcFieldKind.Int32:
                    writer.WriteNumber(field.Name, (int)varint);
                    break;
                case MexcFieldKind.Bool:
                    writer.WriteBoolean(field.Name, varint != 0);
                    break;
                default:
                    writer.WritePropertyName(field.Name);
                    WriteMessage(bytes, field.Message!, writer, isWrapper: false);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    private static int LastBodyField(ReadOnlySpan<byte> wrapper)
    {
        int last = 0;
        var reader = new ProtoReader(wrapper);
        while (reader.TryReadTag(out int number, out WireType wireType))
        {
            if (number is >= (int)MexcBody.PublicDeals and <= (int)MexcBody.PublicAggreBookTicker)
            {
                last = number;
            }

            reader.TrySkip(wireType);
        }

        return last;
    }

    private static bool TryFindLast(ReadOnlySpan<byte> message, int fieldNumber, out ReadOnlySpan<byte> bytes, out ulong varint)
    {
        bool found = false;
        bytes = default;
        varint = 0;
        var reader = new ProtoReader(message);
        while (reader.TryReadTag(out int number, out WireType wireType))
        {
            if (number != fieldNumber)
            {
                reader.TrySkip(wireType);
            }
            else if (wireType == WireType.Varint)
            {
                reader.TryReadVarint(out varint);
                found = true;
            }
            else
            {
                reader.TryReadBytes(out bytes, out _);
                found = true;
            }
        }

        return found;
    }
}
