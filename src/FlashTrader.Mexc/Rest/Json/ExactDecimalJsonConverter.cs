using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashTrader.Mexc.Rest.Json;

/// <summary>
/// Reads an amount that may need more than eight decimals (balances, commissions, quote volumes) as an exact
/// <see cref="decimal"/> from a JSON string or number; plain notation only (no exponent), never through double.
/// </summary>
public sealed class ExactDecimalJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
        {
            throw new JsonException($"expected a decimal string, got {reader.TokenType}");
        }

        ReadOnlySpan<byte> text = reader.HasValueSequence || reader.ValueIsEscaped ? default : reader.ValueSpan;
        if (text.IsEmpty || text.IndexOfAny("eE"u8) >= 0 || !Utf8Parser.TryParse(text, out decimal value, out int consumed) || consumed != text.Length)
        {
            throw new JsonException($"'{reader.GetString()}' is not a plain decimal number");
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
