namespace FlashTrader.Core.Configuration;

public sealed class RiskOptions
{
    /// <summary>Peak-to-trough equity drop, in percent, that halts new entries.</summary>
    public double MaxDrawdownPercent { get; set; } = 10;

    /// <summary>Loss in the quote currency within one UTC day that halts new entries.</summary>
    public decimal DailyLossLimit { get; set; } = 500m;
}
