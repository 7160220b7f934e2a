using System.Text;
using System.Text.Json;

namespace FlashTrader.Mexc.WebSocket;

public enum MexcControlReplyKind : byte
{
    /// <summary>Not a JSON object with a msg.</summary>
    Unreadable,

    /// <summary>A subscription acknowledged: msg is the channel (empty for a duplicate subscription).</summary>
    Ack,

    Pong,

    /// <summary>code 0 but msg "Not Subscribed successfully! [channel].  Reason： Blocked! ".</summary>
    Refused,

    /// <summary>A non-zero code.</summary>
    Error,
}

/// <summary>
/// A JSON text reply of MEXC's WebSocket: ack <c>{"id":0,"code":0,"msg":"channel"}</c>, pong <c>{..."msg":"PONG"}</c>, or a
/// refusal that still says code 0. Parsed without allocating for a PONG (the only reply that recurs).
/// </summary>
public readonly record struct MexcControlReply(MexcControlReplyKind Kind, long Code, string Message, string Channel)
{
    private const string RefusalPrefix = "Not Subscribed successfully!";

    public static MexcControlReply Parse(ReadOnlySpan<byte> json)
    {
        long code = 0;
        bool hasMsg = false;
        string message = string.Empty;
        bool pong = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return Unreadable(json);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("code"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && !reader.TryGetInt64(out code))
                    {
                        return Unreadable(json);
                    }
                }
                else if (reader.ValueTextEquals("msg"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        return Unreadable(json);
                    }

                    hasMsg = true;
                    pong = reader.ValueTextEquals("PONG"u8);
                    if (!pong)
                    {
                        message = reader.GetString() ?? string.Empty;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return Unreadable(json);
        }

        if (!hasMsg && code == 0)
        {
            return Unreadable(json);
        }

        if (code != 0)
        {
            return new(MexcControlReplyKind.Error, code, message, ChannelIn(message));
        }

        if (pong)
        {
            return new(MexcControlReplyKind.Pong, 0, "PONG", string.Empty);
        }

        return message.StartsWith(RefusalPrefix, StringComparison.Ordinal)
            ? new(MexcControlReplyKind.Refused, 0, message, ChannelIn(message))
            : new(MexcControlReplyKind.Ack, 0, message, message);
    }

    /// <summary>The text between the first '[' and the next ']' (how MEXC names the channel in a refusal).</summary>
    private static string ChannelIn(string message)
    {
        int open = message.IndexOf('[');
        int close = open < 0 ? -1 : message.IndexOf(']', open + 1);
        return close < 0 ? string.Empty : message[(open + 1)..close];
    }

    private static MexcControlReply Unreadable(ReadOnlySpan<byte> json) =>
        new(MexcControlReplyKind.Unreadable, 0, Encoding.UTF8.GetString(json[..Math.Min(json.Length, 200)]), string.Empty);
}
