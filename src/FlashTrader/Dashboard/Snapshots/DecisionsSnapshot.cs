namespace FlashTrader.Dashboard.Snapshots;

/// <summary>
/// Orders the decision engine made and what the risk gate did with them, newest first, plus each pair's current net
/// signal score. <see cref="Lineup"/> names the enabled JSON strategies with the version each decision is made with
/// ("name version"); it is empty when only the built-in signals run.
/// </summary>
public sealed record DecisionsSnapshot(
    IReadOnlyList<DecisionView> Recent,
    IReadOnlyList<ScoreView> Scores,
    long Decisions,
    long Entries,
    long Exits,
    long SignalsSeen,
    double EntryScore,
    IReadOnlyList<string> Lineup,
    DateTimeOffset PublishedAt);

/// <param name="Purpose">Entry, TakeProfit, StopLoss, SignalExit or Flatten: which rule fired.</param>
/// <param name="Reason">The rule in words, with the configuration key that sets it.</param>
/// <param name="SignalSource">The strategy whose signal drove it, or null when the rule is not a signal's (exits on price, the kill switch).</param>
/// <param name="Strength">The net signal score it acted on, clamped to 0..1.</param>
/// <param name="Outcome">"approved" or "rejected".</param>
/// <param name="RejectReason">Why the risk gate refused it, or null.</param>
public sealed record DecisionView(
    long TimeMs,
    long OrderId,
    string Symbol,
    string Side,
    string Type,
    string Purpose,
    string Reason,
    string? SignalSource,
    double Strength,
    decimal? Price,
    decimal Quantity,
    string Outcome,
    string? RejectReason);

/// <param name="Score">Net signal score over the signal window: buy strength minus sell strength.</param>
public sealed record ScoreView(string Symbol, double Score);
