namespace FlashTrader.Core.Backtesting;

/// <summary>
/// How a run performed. Money is exact (quote asset). Sharpe and Sortino are annualised from the per-sample returns of
/// the equity series: per-period ratio × sqrt(<see cref="PeriodsPerYear"/>); with the default one-minute sampling that
/// is sqrt(525,600) (365 days of minutes, crypto trades around the clock).
/// </summary>
public sealed record PerformanceMetrics
{
    public decimal StartingEquity { get; init; }

    public decimal EndingEquity { get; init; }

    public decimal NetPnl { get; init; }

    public double ReturnPercent { get; init; }

    public double Sharpe { get; init; }

    public double Sortino { get; init; }

    /// <summary>Sharpe of the per-sample returns, not annualised (the deflated Sharpe ratio's input).</summary>
    public double SharpePerPeriod { get; init; }

    public long ReturnObservations { get; init; }

    public double ReturnSkewness { get; init; }

    /// <summary>Kurtosis of the per-sample returns, not excess (3 for normal returns).</summary>
    public double ReturnKurtosis { get; init; }

    public double PeriodsPerYear { get; init; }

    public decimal MaxDrawdown { get; init; }

    public double MaxDrawdownPercent { get; init; }

    public long MaxDrawdownDurationNs { get; init; }

    public int Trades { get; init; }

    public int Wins { get; init; }

    public int Losses { get; init; }

    public double WinRatePercent { get; init; }

    /// <summary>Gross profit over absolute gross loss of closed trades; null when no trade lost.</summary>
    public double? ProfitFactor { get; init; }

    public decimal Expectancy { get; init; }

    public decimal AverageWin { get; init; }

    public decimal AverageLoss { get; init; }

    /// <summary>Share of the run during which any symbol held a position, in percent.</summary>
    public double TimeInMarketPercent { get; init; }

    /// <summary>Quote value of all fills.</summary>
    public decimal Turnover { get; init; }

    /// <summary>Turnover over starting equity.</summary>
    public double TurnoverRatio { get; init; }

    public decimal Fees { get; init; }

    public long Fills { get; init; }

    public long DurationNs { get; init; }

    /// <summary>Net P&amp;L over maximum drawdown (the pnl_over_dd objective); net P&amp;L itself when there was no drawdown.</summary>
    public double PnlOverDrawdown => MaxDrawdown == 0 ? (double)NetPnl : (double)(NetPnl / MaxDrawdown);
}
