using System.Globalization;
using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Rest;

/// <summary>
/// Reads a GET /depth body <c>{"lastUpdateId": n, "bids": [["price","qty"],...], "asks": [...], "timestamp": ms}</c>
/// straight from its UTF-8 bytes into a <see cref="DepthLevels"/> buffer: prices and quantities parsed with
/// <see cref="Fixed8.TryParse(ReadOnlySpan{byte}, out Fixed8)"/>, nothing allocated once the buffer has grown to the
/// book's size. Unknown fields are skipped; anything else malformed is refused with its byte offset.
/// </summary>
public static class DepthSnapshotJson
{
    /// <summary>
    /// Fills <paramref name="levels"/> (cleared first) from <paramref name="json"/>. Returns null on success, else what
    /// is wrong and at which byte. <paramref name="timestampMs"/> is 0 when the body carries no timestamp.
    /// </summary>
    public static string? TryRead(ReadOnlySpan<byte> json, DepthLevels levels, out long lastUpdateId, out long timestampMs)
    {
        lastUpdateId = -1;
        timestampMs = 0;
        levels.Clear();
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return At(reader, "expected a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string? error;
                if (reader.ValueTextEquals("bids"u8))
                {
                    error = ReadSide(ref reader, levels, Side.Buy);
                }
                else if (reader.ValueTextEquals("asks"u8))
                {
                    error = ReadSide(ref reader, levels, Side.Sell);
                }
                else if (reader.ValueTextEquals("lastUpdateId"u8))
                {
                    error = ReadLong(ref reader, "lastUpdateId", out lastUpdateId);
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    error = ReadLong(ref reader, "timestamp", out timestampMs);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                    error = null;
                }

                if (error is not null)
                {
                    return error;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return At(reader, "expected a property name or the end of the object");
            }

            return lastUpdateId < 0 ? "lastUpdateId is missing" : null;
        }
        catch (JsonException e)
        {
            return $"malformed JSON at line {(e.LineNumber ?? 0) + 1}, byte {e.BytePositionInLine ?? 0} of the line: {e.Message}";
        }
    }

    private static string? ReadSide(ref Utf8JsonReader reader, DepthLevels levels, Side side)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return At(reader, $"{Name(side)} must be an array");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            if (!ReadDecimal(ref reader, out Fixed8 price) || !ReadDecimal(ref reader, out Fixed8 quantity))
            {
                return At(reader, $"{Name(side)}: expected a [\"price\", \"quantity\"] pair of decimals with at most 8 places");
            }

            // Later MEXC versions could append fields to a level; skip them.
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
            }

            levels.Add(side, new PriceLevel(price, quantity));
        }

        return reader.TokenType == JsonTokenType.EndArray ? null : At(reader, $"{Name(side)}: expected a level array");
    }

    private static bool ReadDecimal(ref Utf8JsonReader reader, out Fixed8 value)
    {
        value = default;
        return reader.Read()
            && reader.TokenType is JsonTokenType.String or JsonTokenType.Number
            && !reader.ValueIsEscaped
            && Fixed8.TryParse(reader.ValueSpan, out value);
    }

    private static string? ReadLong(ref Utf8JsonReader reader, string name, out long value)
    {
        value = 0;
        reader.Read();
        bool ok = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out value),
            JsonTokenType.String => long.TryParse(reader.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
        return ok ? null : At(reader, $"{name} must be an integer");
    }

    private static string Name(Side side) => side == Side.Buy ? "bids" : "asks";

    private static string At(in Utf8JsonReader reader, string what) =>
        $"{what} (byte offset {reader.TokenStartIndex.ToString(CultureInfo.InvariantCulture)})";
}
