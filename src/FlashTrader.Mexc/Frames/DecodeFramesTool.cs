using System.Buffers;
using System.Text;
using System.Text.Json;
using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

/// <summary>How many lines a <see cref="DecodeFramesTool"/> run decoded and how many it rejected.</summary>
public readonly record struct DecodeFramesSummary(int Ok, int Bad);

/// <summary>
/// The engine of <c>flashtrader decode-frames</c>: reads one frame per line, as hex or base64 (an optional
/// "hex:" or "base64:" prefix settles the rare string that is both; otherwise hex wins), and writes one JSON object per
/// line (<see cref="MexcFrameJson"/>). A bad line becomes {"error":"...","offset":n,"line":k} and decoding
/// goes on; blank lines are skipped.
/// </summary>
public static class DecodeFramesTool
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly SearchValues<char> Base64Characters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    public static DecodeFramesSummary Run(TextReader input, TextWriter output)
    {
        int ok = 0, bad = 0, lineNumber = 0;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer, MexcFrameJson.WriterOptions);
        while (input.ReadLine() is { } line)
        {
            lineNumber++;
            string text = line.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            buffer.ResetWrittenCount();
            json.Reset(buffer);
            if (!TryParseLine(text, out byte[]? frame, out string? textError, out int column))
            {
                WriteError(json, textError!, column, lineNumber);
                bad++;
            }
            else if (!MexcFrameJson.TryWrite(frame, json, out ProtoError error, out int offset))
            {
                WriteError(json, error.Describe(), offset, lineNumber);
                bad++;
            }
            else
            {
                ok++;
            }

            json.Flush();
            output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }

        return new DecodeFramesSummary(ok, bad);
    }

    private static void WriteError(Utf8JsonWriter json, string message, int offset, int lineNumber)
    {
        json.WriteStartObject();
        json.WriteString("error", message);
        json.WriteNumber("offset", offset);
        json.WriteNumber("line", lineNumber);
        json.WriteEndObject();
    }

    /// <summary>Decodes a line's text; on failure names the problem and the character column (0-based).</summary>
    public static bool TryParseLine(string text, out byte[]? frame, out string? error, out int column)
    {
        frame = null;
        error = null;
        column = 0;
        bool forceHex = false, forceBase64 = false;
        if (text.StartsWith("hex:", StringComparison.OrdinalIgnoreCase))
        {
            forceHex = true;
            text = text[4..].Trim();
        }
        else if (text.StartsWith("base64:", StringComparison.OrdinalIgnoreCase))
        {
            forceBase64 = true;
            text = text[7..].Trim();
        }

        int firstNonHex = text.AsSpan().IndexOfAnyExcept(HexDigits);
        if (!forceBase64 && firstNonHex < 0 && text.Length % 2 == 0)
        {
            frame = Convert.FromHexString(text);
            return true;
        }

        if (forceHex)
        {
            column = firstNonHex >= 0 ? firstNonHex : text.Length;
            error = firstNonHex >= 0 ? $"'{text[firstNonHex]}' is not a hex digit" : "odd number of hex digits";
            return false;
        }

        byte[] bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, bytes, out int written))
        {
            frame = bytes[..written];
            return true;
        }

        int firstNonBase64 = text.AsSpan().IndexOfAnyExcept(Base64Characters);
        column = firstNonBase64 >= 0 ? firstNonBase64 : text.Length;
        error = firstNonBase64 >= 0
            ? $"'{text[firstNonBase64]}' is neither hex nor base64"
            : "not hex (odd length) and not valid base64 (bad length or padding)";
        return false;
    }
}
