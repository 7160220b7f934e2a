using FlashTrader.Core.Candles;

namespace FlashTrader.Core.Strategies;

/// <summary>
/// A strategy as a trader writes it in JSON (see README, "Strategies"): identity, the pairs and timeframes it uses,
/// named parameters and indicator instances, buy and sell rules with confirmation and noise filtering, exits, sizing
/// and per-session overrides. <see cref="ContentHash"/> identifies the exact file content it came from.
/// </summary>
public sealed record StrategyDefinition
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public string Description { get; init; } = string.Empty;

    /// <summary>Pairs it trades; empty: every configured pair.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    public IReadOnlyList<Timeframe> Timeframes { get; init; } = [];

    /// <summary>Named numbers the expressions use; sessions may override them.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();

    public IReadOnlyList<IndicatorDefinition> Indicators { get; init; } = [];

    public required SignalRules Buy { get; init; }

    public required SignalRules Sell { get; init; }

    public NoiseFilter Filter { get; init; } = NoiseFilter.None;

    public ExitRules Exits { get; init; }

    public SizingRule Sizing { get; init; }

    public IReadOnlyList<SessionOverride> Sessions { get; init; } = [];

    /// <summary>First 16 hex digits of the SHA-256 of the file's bytes.</summary>
    public required string ContentHash { get; init; }

    public required string File { get; init; }
}
