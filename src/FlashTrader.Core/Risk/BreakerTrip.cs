namespace FlashTrader.Core.Risk;

/// <summary>A breaker that tripped: which, why, and when (event time).</summary>
public readonly record struct BreakerTrip(CircuitBreaker Breaker, string Reason, long TimeNs);
