using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashTrader.Storage.Recording;

/// <summary>The versioned header at the start of every recording.</summary>
public sealed record RecordingHeader
{
    [JsonPropertyName("formatVersion")]
    public int FormatVersion { get; init; } = RecordingFormat.CurrentVersion;

    /// <summary>Symbols in the order events refer to them by index.</summary>
    [JsonPropertyName("symbols")]
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Where the data came from, e.g. "binance-capture: btcusdt_20240808.gz, btcusdt_20240809.gz".</summary>
    [JsonPropertyName("source")]
    public string Source { get; init; } = "";

    [JsonPropertyName("created")]
    public DateTimeOffset Created { get; init; }

    [JsonPropertyName("codec")]
    public string Codec { get; init; } = RecordingCodec.Brotli.ToString().ToLowerInvariant();

    /// <summary>Free-form notes an importer or recorder leaves (warnings such as "no depth snapshot").</summary>
    [JsonPropertyName("notes")]
    public IReadOnlyList<string> Notes { get; init; } = [];

    internal byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, RecordingJsonContext.Default.RecordingHeader);

    internal static RecordingHeader FromUtf8(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, RecordingJsonContext.Default.RecordingHeader) ?? throw new JsonException("null header");
}

[JsonSerializable(typeof(RecordingHeader))]
internal sealed partial class RecordingJsonContext : JsonSerializerContext;
