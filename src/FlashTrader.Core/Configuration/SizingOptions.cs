namespace FlashTrader.Core.Configuration;

/// <summary>How much an entry buys, and how much realized profit is put back to work.</summary>
public sealed class SizingOptions
{
    /// <summary>
    /// Score (default: Execution:PositionSizeFraction of the free quote balance, scaled by signal strength), Fixed
    /// (FixedQuote per entry), PercentOfEquity, Atr (risk RiskPercent of equity over AtrMultiple ATRs) or Kelly
    /// (KellyFraction of the Kelly share measured on closed trades).
    /// </summary>
    public string Mode { get; set; } = "Score";

    /// <summary>Quote amount per entry in Fixed mode.</summary>
    public decimal FixedQuote { get; set; } = 1_000m;

    /// <summary>Share of equity per entry, in percent, in PercentOfEquity mode (and Kelly's mode until it has measured enough).</summary>
    public double EquityPercent { get; set; } = 10;

    /// <summary>Equity risked per entry, in percent, in Atr mode: the position loses this much if price moves AtrMultiple ATRs.</summary>
    public double RiskPercent { get; set; } = 1;

    public double AtrMultiple { get; set; } = 2;

    /// <summary>ATR period, in bars of AtrBarMs of event time built from the mid.</summary>
    public int AtrPeriod { get; set; } = 14;

    public int AtrBarMs { get; set; } = 60_000;

    /// <summary>Share of the full Kelly fraction to bet (0.5 = half Kelly).</summary>
    public double KellyFraction { get; set; } = 0.5;

    /// <summary>Closed trades needed before Kelly trusts the measured edge (until then: PercentOfEquity).</summary>
    public int KellyMinTrades { get; set; } = 20;

    /// <summary>Share of realized profit reinvested (1: full compounding); the rest is banked and never sized from.</summary>
    public double ReinvestShare { get; set; } = 1;
}
