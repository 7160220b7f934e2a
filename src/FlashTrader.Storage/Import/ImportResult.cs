using FlashTrader.Storage.Inspection;

namespace FlashTrader.Storage.Import;

/// <summary>What an import wrote and what it had to skip or warn about.</summary>
public sealed record ImportResult
{
    public required string Output { get; init; }

    public required long Events { get; init; }

    /// <summary>Per recorded symbol (in the recording header's order), the events of each kind.</summary>
    public required IReadOnlyList<SymbolEventCounts> Symbols { get; init; }

    /// <summary>Malformed lines skipped (only with <see cref="ImportRequest.SkipBad"/>).</summary>
    public required long SkippedLines { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The first few skipped lines' reasons, each "file:line: reason".</summary>
    public required IReadOnlyList<string> SkippedSamples { get; init; }

    /// <summary>Notes written into the recording header (the warnings plus how the source was interpreted).</summary>
    public required IReadOnlyList<string> Notes { get; init; }
}
