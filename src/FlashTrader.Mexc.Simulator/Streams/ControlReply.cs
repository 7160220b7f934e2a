using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FlashTrader.Mexc.Simulator.Streams;

/// <summary>MEXC's JSON text reply to SUBSCRIPTION, UNSUBSCRIPTION and PING: {"id":N,"code":0,"msg":"..."}.</summary>
internal static class ControlReply
{
    // MEXC writes its refusal text (with a full-width colon) unescaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Encode(long id, string msg)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (msg.Length * 3));
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("id", id);
            json.WriteNumber("code", 0);
            json.WriteString("msg", msg);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
