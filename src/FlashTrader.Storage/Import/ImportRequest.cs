namespace FlashTrader.Storage.Import;

/// <summary>What to import: a source format, its input files, the recording to write.</summary>
public sealed record ImportRequest
{
    /// <summary>One of <see cref="ImportFormats.Known"/>, e.g. "binance-capture".</summary>
    public required string Format { get; init; }

    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>The recording to create (replaced if it exists; written only when the import succeeds).</summary>
    public required string Output { get; init; }

    /// <summary>Source symbol to recorded symbol, e.g. BTCUSDT to BTCUSDC; unmapped symbols keep their name.</summary>
    public IReadOnlyDictionary<string, string> SymbolMap { get; init; } = new Dictionary<string, string>();

    /// <summary>Count and sample malformed lines instead of failing on the first one.</summary>
    public bool SkipBad { get; init; }
}
