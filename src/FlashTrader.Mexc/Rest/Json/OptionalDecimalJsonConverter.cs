using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashTrader.Mexc.Rest.Json;

/// <summary>An exact amount MEXC may leave out as null or "" (ticker/24hr's quoteVolume).</summary>
public sealed class OptionalDecimalJsonConverter : JsonConverter<decimal?>
{
    private static readonly ExactDecimalJsonConverter Inner = new();

    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty && !reader.HasValueSequence)
            ? null
            : Inner.Read(ref reader, typeof(decimal), options);

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
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
