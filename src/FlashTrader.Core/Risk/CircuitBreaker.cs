namespace FlashTrader.Core.Risk;

/// <summary>A rule that, once tripped, halts new entries until it resets (by its own rule or by hand).</summary>
public enum CircuitBreaker : byte
{
    /// <summary>Equity fell Risk:MaxDrawdownPercent from its peak. Resets by hand only.</summary>
    MaxDrawdown = 0,

    /// <summary>The UTC day lost Risk:DailyLossLimit. Resets when the next UTC day begins, or by hand.</summary>
    DailyLoss = 1,

    /// <summary>Risk:MaxConsecutiveLosses closed trades lost in a row. Resets after its cooldown, or by hand.</summary>
    ConsecutiveLosses = 2,

    /// <summary>A pair has been silent for Risk:StaleDataMs of event time. Resets when every pair is fresh again.</summary>
    StaleMarketData = 3,

    /// <summary>Risk:MaxRejections refusals within Risk:RejectionWindowMs. Resets after its cooldown, or by hand.</summary>
    Rejections = 4,
}
