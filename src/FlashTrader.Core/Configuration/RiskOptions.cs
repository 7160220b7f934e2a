namespace FlashTrader.Core.Configuration;

/// <summary>
/// Limits every order must respect and circuit breakers that halt new entries. A limit or breaker set to 0 is off, so
/// the shipped defaults only keep the drawdown and daily-loss breakers the bot always had.
/// </summary>
public sealed class RiskOptions
{
    /// <summary>Peak-to-trough equity drop, in percent, that halts new entries (reset by hand).</summary>
    public double MaxDrawdownPercent { get; set; } = 10;

    /// <summary>Loss in the quote currency within one UTC day that halts new entries (reset at the next UTC day).</summary>
    public decimal DailyLossLimit { get; set; } = 500m;

    /// <summary>Notional per pair (position plus working buys, at the mark) an entry may bring it to, in the quote asset.</summary>
    public decimal MaxNotionalPerPair { get; set; }

    /// <summary>Notional across all pairs an entry may bring the account to.</summary>
    public decimal MaxTotalExposure { get; set; }

    /// <summary>Pairs that move together (BTC and ETH) and count as one exposure.</summary>
    public List<CorrelationGroupOptions> CorrelationGroups { get; set; } = [];

    /// <summary>Notional one strategy (the order's signal source) may hold across pairs.</summary>
    public decimal MaxExposurePerStrategy { get; set; }

    /// <summary>Orders (entries and exits) per minute of event time.</summary>
    public int MaxOrdersPerMinute { get; set; }

    /// <summary>Losing closed trades in a row that halt new entries.</summary>
    public int MaxConsecutiveLosses { get; set; }

    /// <summary>How long the consecutive-loss breaker holds, in event time (0: until reset by hand).</summary>
    public int ConsecutiveLossCooldownMs { get; set; }

    /// <summary>Event-time age of a pair's last event (against the newest event of any pair) that halts new entries.</summary>
    public int StaleDataMs { get; set; }

    /// <summary>Spread beyond which entries on the pair are refused.</summary>
    public double MaxSpreadBps { get; set; }

    /// <summary>Realized volatility (MarketFeatures.VolatilityPercent) beyond which entries on the pair are refused.</summary>
    public double MaxVolatilityPercent { get; set; }

    /// <summary>Rejected orders (by risk or the exchange, a halt's own refusals not counted) within the window that halt new entries.</summary>
    public int MaxRejections { get; set; }

    public int RejectionWindowMs { get; set; } = 60_000;

    /// <summary>How long the rejection breaker holds, in event time (0: until reset by hand).</summary>
    public int RejectionCooldownMs { get; set; } = 300_000;

    /// <summary>When a breaker trips, also cancel every working order and sell every position (the kill switch's flatten).</summary>
    public bool FlattenOnBreaker { get; set; }
}
