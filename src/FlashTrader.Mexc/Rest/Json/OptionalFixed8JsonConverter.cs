using System.Text.Json;
using System.Text.Json.Serialization;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Rest.Json;

/// <summary>A price or quantity MEXC may leave out as null or "" (ticker/24hr's bidQty, a market order's price).</summary>
public sealed class OptionalFixed8JsonConverter : JsonConverter<Fixed8?>
{
    private static readonly Fixed8JsonConverter Inner = new();

    public override bool HandleNull => true;

    public override Fixed8? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty && !reader.HasValueSequence)
            ? null
            : Inner.Read(ref reader, typeof(Fixed8), options);

    public override void Write(Utf8JsonWriter writer, Fixed8? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            Inner.Write(writer, v, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
