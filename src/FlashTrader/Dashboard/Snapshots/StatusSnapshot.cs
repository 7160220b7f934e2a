using FlashTrader.Reporting;

namespace FlashTrader.Dashboard.Snapshots;

/// <summary>
/// GET /api/status: the run and the system's health, assembled when asked from the stages' latest snapshots and a few
/// thread-safe counters.
/// </summary>
/// <param name="State">running, paused (entries halted by an operator or a breaker) or stopped (the source has finished).</param>
/// <param name="Feed">Where market data comes from: "replay &lt;file&gt;" or "live MEXC &lt;WebSocket URL&gt;".</param>
/// <param name="FeedConnected">True while the source is producing.</param>
/// <param name="LastMessageAgeMs">Wall time since the last market event reached the pipeline; null before the first.</param>
/// <param name="LiveFeed">The live MEXC connection's counters as they stand (the summary's <c>liveFeed</c> block, where
/// <c>booksSyncedAtEnd</c> reads "books in sync now"); null for a replay.</param>
public sealed record StatusSnapshot(
    string State,
    bool Halted,
    string? HaltReason,
    string Mode,
    string Feed,
    bool FeedConnected,
    double? LastMessageAgeMs,
    LiveFeedSummary? LiveFeed,
    long Events,
    double EventsPerSecond,
    IReadOnlyList<BookStatusView> Books,
    ChannelDepthsView ChannelDepths,
    LatencyView DecisionLatency,
    int Errors,
    string? FaultedStage,
    double UptimeSeconds,
    DateTimeOffset Now);

public sealed record BookStatusView(string Symbol, string State, bool Tradeable, long Resyncs, long Gaps);

/// <summary>Batches waiting in each forward channel of the pipeline.</summary>
public sealed record ChannelDepthsView(int Inbound, int Ticks, int Signals, int ToRisk, int ToExchange);
