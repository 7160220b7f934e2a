namespace FlashTrader.Core.Backtesting;

/// <summary>Combines a run's equity statistics and its round trips into <see cref="PerformanceMetrics"/>.</summary>
public static class PerformanceCalculator
{
    public const long NanosPerYear = 365L * 86_400 * 1_000_000_000;

    /// <summary>One-minute sampling: 525,600 periods a year.</summary>
    public const long DefaultSamplingIntervalNs = 60_000_000_000L;

    public static PerformanceMetrics Compute(EquityStatistics equity, RoundTripLedger trades, long startNs, long endNs, long samplingIntervalNs = DefaultSamplingIntervalNs)
    {
        if (samplingIntervalNs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(samplingIntervalNs), samplingIntervalNs, "the sampling interval must be positive");
        }

        double periodsPerYear = (double)NanosPerYear / samplingIntervalNs;
        double annualise = Math.Sqrt(periodsPerYear);
        decimal start = equity.First;
        decimal end = equity.Last;
        TradeStatistics t = trades.Totals;
        long duration = Math.Max(0, endNs - startNs);
        return new PerformanceMetrics
        {
            StartingEquity = start,
            EndingEquity = end,
            NetPnl = end - start,
            ReturnPercent = start == 0 ? 0 : (double)((end - start) / start * 100m),
            Sharpe = equity.SharpePerPeriod * annualise,
            Sortino = equity.SortinoPerPeriod * annualise,
            SharpePerPeriod = equity.SharpePerPeriod,
            ReturnObservations = equity.Returns,
            ReturnSkewness = equity.Skewness,
            ReturnKurtosis = equity.Kurtosis,
            PeriodsPerYear = periodsPerYear,
            MaxDrawdown = equity.MaxDrawdown,
            MaxDrawdownPercent = equity.MaxDrawdownPercent,
            MaxDrawdownDurationNs = equity.MaxDrawdownDurationNs,
            Trades = t.Trades,
            Wins = t.Wins,
            Losses = t.Losses,
            WinRatePercent = t.WinRatePercent,
            ProfitFactor = t.ProfitFactor,
            Expectancy = t.Expectancy,
            AverageWin = t.AverageWin,
            AverageLoss = t.AverageLoss,
            TimeInMarketPercent = duration == 0 ? 0 : trades.TimeInMarketNs * 100.0 / duration,
            Turnover = trades.Turnover,
            TurnoverRatio = start == 0 ? 0 : (double)(trades.Turnover / start),
            Fees = trades.Fees,
            Fills = trades.FillCount,
            DurationNs = duration,
        };
    }
}
