namespace FlashTrader.Core.Risk;

/// <summary>
/// What the risk manager must remember across a restart so that a crash never lifts a halt or forgets a loss: tripped
/// breakers, an operator's halt (pause or kill switch), the UTC day with its starting equity and order count, the equity
/// peak drawdown is measured from, the losing streak, and the order-rate and rejection windows. Times are event time.
/// </summary>
public sealed record RiskState
{
    public IReadOnlyList<BreakerState> Breakers { get; init; } = [];

    /// <summary>An operator's halt ("paused by ...", "kill switch by ..."), or null.</summary>
    public string? Halt { get; init; }

    /// <summary>The UTC day (days since the Unix epoch) the day's figures belong to; long.MinValue before any valuation.</summary>
    public long Day { get; init; } = long.MinValue;

    public decimal DayStartEquity { get; init; }

    public int OrdersToday { get; init; }

    public decimal PeakEquity { get; init; }

    public decimal MaxDrawdown { get; init; }

    public double MaxDrawdownPercent { get; init; }

    public int ConsecutiveLosses { get; init; }

    /// <summary>Event time of the approved orders in the per-minute window, oldest first.</summary>
    public IReadOnlyList<long> OrderTimes { get; init; } = [];

    /// <summary>Event time of the counted rejections in the rejection window, oldest first.</summary>
    public IReadOnlyList<long> RejectionTimes { get; init; } = [];

    /// <summary>The newest event time the risk manager had seen (cooldowns run on it).</summary>
    public long NowNs { get; init; } = long.MinValue;

    /// <summary>Trips counted so far (orders the next trip after the restored ones).</summary>
    public long TripCounter { get; init; }
}
