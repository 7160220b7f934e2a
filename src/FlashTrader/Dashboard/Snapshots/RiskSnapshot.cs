namespace FlashTrader.Dashboard.Snapshots;

/// <summary>The risk gate at one instant: halted or not and why, each limit with its usage, and its counters.</summary>
public sealed record RiskSnapshot(
    bool Halted,
    string? HaltReason,
    IReadOnlyList<LimitView> Limits,
    IReadOnlyList<BreakerView> Breakers,
    long Approved,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectionsByReason,
    LatencyView DecisionLatency,
    DateTimeOffset PublishedAt);

/// <param name="Key">The configuration key of the limit (what POST /api/risk/limits or the config file changes).</param>
/// <param name="Usage">How much of it is used now, in the limit's unit.</param>
/// <param name="UsagePercent">Usage / Limit × 100.</param>
public sealed record LimitView(string Key, decimal Limit, decimal Usage, double UsagePercent);

/// <summary>A rule that halts new entries by itself when tripped.</summary>
public sealed record BreakerView(string Name, string Key, bool Tripped);

/// <summary>Event-to-order latency of approved orders (source receipt to command issued), in µs.</summary>
public sealed record LatencyView(long Count, double P50Micros, double P99Micros, double MaxMicros);
