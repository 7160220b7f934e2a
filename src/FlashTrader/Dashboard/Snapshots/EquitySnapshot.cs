namespace FlashTrader.Dashboard.Snapshots;

/// <summary>
/// The equity curve as the risk manager values the account (balances at the mids), sampled once per second of exchange
/// time and at every change of the limits' inputs that crosses a new second, with the drawdown from the running peak.
/// </summary>
public sealed record EquitySnapshot(
    IReadOnlyList<EquityPoint> Points,
    decimal Equity,
    decimal StartingEquity,
    decimal Pnl,
    decimal PeakEquity,
    double DrawdownPercent,
    decimal MaxDrawdown,
    double MaxDrawdownPercent,
    DateTimeOffset PublishedAt);

/// <param name="Time">Unix seconds (exchange time).</param>
/// <param name="DrawdownPercent">Drop from the running peak, in percent.</param>
public sealed record EquityPoint(long Time, decimal Equity, double DrawdownPercent);
