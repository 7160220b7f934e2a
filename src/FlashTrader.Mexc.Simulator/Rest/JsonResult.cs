using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FlashTrader.Core.Numerics;
using Microsoft.AspNetCore.Http;

namespace FlashTrader.Mexc.Simulator.Rest;

/// <summary>Writes response bodies as MEXC does: numbers that are money go out as strings, written exactly.</summary>
internal static class JsonResult
{
    // Messages name parameters in quotes: write them as MEXC does, unescaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Of(Action<Utf8JsonWriter> write, int status = 200)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }

        return Results.Text(utf8Content: buffer.WrittenSpan, contentType: "application/json", statusCode: status);
    }

    public static IResult Error(MexcApiException error) => Of(
        json =>
        {
            json.WriteStartObject();
            json.WriteNumber("code", (int)error.Code);
            json.WriteString("msg", error.Message);
            json.WriteEndObject();
        },
        error.HttpStatus);

    public static void WriteMoney(this Utf8JsonWriter json, string name, Fixed8 value)
    {
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out int length);
        json.WriteString(name, text[..length]);
    }

    public static void WriteMoney(this Utf8JsonWriter json, string name, decimal value) =>
        json.WriteString(name, Format(value));

    public static void WriteMoneyValue(this Utf8JsonWriter json, Fixed8 value)
    {
        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out int length);
        json.WriteStringValue(text[..length]);
    }

    /// <summary>A decimal without trailing zeros (e.g. 0.0002, 1500).</summary>
    public static string Format(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
