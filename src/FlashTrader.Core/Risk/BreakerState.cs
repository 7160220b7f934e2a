namespace FlashTrader.Core.Risk;

/// <summary>A tripped breaker as it survives a restart: which, why, when it tripped and until when it holds (event time).</summary>
/// <param name="Breaker">The breaker.</param>
/// <param name="Reason">Why it tripped, as the halt reason reads.</param>
/// <param name="TrippedAtNs">Event time of the trip.</param>
/// <param name="HoldUntilNs">Event time its cooldown ends (long.MaxValue: it holds until its own rule or a hand resets it).</param>
/// <param name="TripOrder">Order among trips: the first tripped names the halt.</param>
public readonly record struct BreakerState(CircuitBreaker Breaker, string Reason, long TrippedAtNs, long HoldUntilNs, long TripOrder)
{
    /// <summary>How this trip ends, in words (for the journal and the operator).</summary>
    public string ResetRule => Breaker switch
    {
        _ when HoldUntilNs != long.MaxValue => $"cooldown until {HoldUntilNs} ns, or by hand",
        CircuitBreaker.DailyLoss => "next UTC day, or by hand",
        CircuitBreaker.StaleMarketData => "every pair fresh again",
        _ => "by hand",
    };
}
