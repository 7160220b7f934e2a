namespace FlashTrader.Core.Strategies;

/// <summary>
/// How a position opened on this strategy's signal is closed. Null fields fall back to the Execution section
/// (take profit and stop loss) or are off (trailing stop, time stop).
/// </summary>
public readonly record struct ExitRules(double? TakeProfitBps, double? StopLossBps, double? TrailingStopBps, long? TimeStopMs)
{
    /// <summary>These rules with every field <paramref name="overrides"/> sets replaced.</summary>
    public ExitRules With(ExitRules overrides) => new(
        overrides.TakeProfitBps ?? TakeProfitBps,
        overrides.StopLossBps ?? StopLossBps,
        overrides.TrailingStopBps ?? TrailingStopBps,
        overrides.TimeStopMs ?? TimeStopMs);
}
