namespace FlashTrader.Dashboard.Snapshots;

/// <summary>The strategies' recent output: a feed, newest first, and the latest strength per pair and strategy.</summary>
public sealed record SignalsSnapshot(
    IReadOnlyList<string> Strategies,
    IReadOnlyList<SignalView> Recent,
    IReadOnlyList<HeatCell> Heat,
    long Total,
    DateTimeOffset PublishedAt);

/// <param name="Source">The strategy's name.</param>
/// <param name="Strength">0..1.</param>
public sealed record SignalView(long TimeMs, string Symbol, string Source, string Side, double Strength, decimal Price);

/// <param name="Strength">Signed: positive for a buy signal, negative for a sell; 0 while the strategy has said nothing.</param>
/// <param name="TimeMs">Exchange time of that signal, Unix ms; 0 when none yet.</param>
public sealed record HeatCell(string Symbol, string Source, double Strength, long TimeMs);
