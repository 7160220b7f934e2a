using System.Text.Json;
using System.Text.Json.Serialization;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Rest.Models;

namespace FlashTrader.Mexc.Rest.Json;

/// <summary>A /klines row: <c>[openTime, open, high, low, close, volume, closeTime, quoteVolume]</c>.</summary>
public sealed class KlineJsonConverter : JsonConverter<Kline>
{
    private static readonly Fixed8JsonConverter Price = new();
    private static readonly ExactDecimalJsonConverter Amount = new();

    public override Kline Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartArray, "a kline row array");
        long openTime = ReadLong(ref reader, "openTime");
        Fixed8 open = ReadPrice(ref reader, options);
        Fixed8 high = ReadPrice(ref reader, options);
        Fixed8 low = ReadPrice(ref reader, options);
        Fixed8 close = ReadPrice(ref reader, options);
        Fixed8 volume = ReadPrice(ref reader, options);
        long closeTime = ReadLong(ref reader, "closeTime");
        reader.Read();
        decimal quoteVolume = Amount.Read(ref reader, typeof(decimal), options);

        // Newer fields, if MEXC appends any, are skipped.
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
        }

        return new Kline(openTime, open, high, low, close, volume, closeTime, quoteVolume);
    }

    public override void Write(Utf8JsonWriter writer, Kline value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.OpenTime);
        Price.Write(writer, value.Open, options);
        Price.Write(writer, value.High, options);
        Price.Write(writer, value.Low, options);
        Price.Write(writer, value.Close, options);
        Price.Write(writer, value.Volume, options);
        writer.WriteNumberValue(value.CloseTime);
        Amount.Write(writer, value.QuoteVolume, options);
        writer.WriteEndArray();
    }

    private static Fixed8 ReadPrice(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        reader.Read();
        return Price.Read(ref reader, typeof(Fixed8), options);
    }

    private static long ReadLong(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value))
        {
            throw new JsonException($"kline {name}: expected an integer, got {reader.TokenType}");
        }

        return value;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"expected {what}, got {reader.TokenType}");
        }
    }
}
