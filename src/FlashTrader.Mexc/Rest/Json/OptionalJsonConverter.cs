using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashTrader.Mexc.Rest.Json;

/// <summary>A value MEXC may leave out as null or "": absent reads as null; anything else goes to the exact converter.</summary>
public abstract class OptionalJsonConverter<T, TExact> : JsonConverter<T?>
    where T : struct
    where TExact : JsonConverter<T>, new()
{
    private static readonly TExact Exact = new();

    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty && !reader.HasValueSequence)
            ? null
            : Exact.Read(ref reader, typeof(T), options);

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            Exact.Write(writer, v, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
