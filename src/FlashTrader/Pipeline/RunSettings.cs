namespace FlashTrader.Pipeline;

/// <summary>What the run command asked for, after parsing and validation.</summary>
public sealed record RunSettings
{
    public TimeSpan? Duration { get; init; }

    public bool Reset { get; init; }

    public string? ConfigFile { get; init; }

    public string? EnvFile { get; init; }

    public string? Replay { get; init; }

    /// <summary>Replay pace: 1 = real time; null = as fast as possible.</summary>
    public double? Speed { get; init; }

    public string? SummaryFile { get; init; }

    public IReadOnlyList<string> Settings { get; init; } = [];

    public bool LogTrades { get; init; } = true;
}
