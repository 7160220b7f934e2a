using System.Text.Json;
using System.Text.Json.Serialization;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Rest.Json;

/// <summary>
/// Reads a MEXC price or quantity (a JSON string such as "61837.63", or a bare number) straight from its UTF-8 bytes
/// with <see cref="Fixed8.TryParse(ReadOnlySpan{byte}, out Fixed8)"/>: exact, no decimal or double detour.
/// </summary>
public sealed class Fixed8JsonConverter : JsonConverter<Fixed8>
{
    public override Fixed8 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            throw new JsonException($"expected a decimal string, got {reader.TokenType}");
        }

        if (reader.HasValueSequence || reader.ValueIsEscaped || !Fixed8.TryParse(reader.ValueSpan, out Fixed8 value))
        {
            throw new JsonException($"'{reader.GetString()}' is not a decimal with at most {Fixed8.Decimals} places");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, Fixed8 value, JsonSerializerOptions options)
    {
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out int n);
        writer.WriteStringValue(text[..n]);
    }
}
