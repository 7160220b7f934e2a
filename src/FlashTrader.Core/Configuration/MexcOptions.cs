namespace FlashTrader.Core.Configuration;

public sealed class MexcOptions
{
    public string RestUrl { get; set; } = "https://api.mexc.com";

    public string WsUrl { get; set; } = "wss://wbs-api.mexc.com/ws";

    /// <summary>Client-side budget: MEXC support advises at most 20 requests/s in total.</summary>
    public int RequestsPerSecond { get; set; } = 20;

    public int OrdersPerSecond { get; set; } = 12;

    public int RecvWindowMs { get; set; } = 5000;

    /// <summary>Per-attempt REST timeout; an order that times out has an unknown outcome and is looked up.</summary>
    public int RestTimeoutMs { get; set; } = 5000;

    /// <summary>How long a pooled connection lives before it is replaced (picks up DNS changes).</summary>
    public int ConnectionLifetimeMs { get; set; } = 300_000;

    /// <summary>How often the server-time offset is re-measured (also re-measured on error 700003).</summary>
    public int TimeSyncIntervalMs { get; set; } = 60_000;

    /// <summary>Retries of an idempotent GET after a transport error, timeout or 5xx (orders are never retried).</summary>
    public int GetRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public int RetryBaseDelayMs { get; set; } = 200;

    /// <summary>How long every request fails fast after an HTTP 418 ban (MEXC bans for 2 minutes up to 3 days).</summary>
    public int BanBackoffMs { get; set; } = 120_000;

    /// <summary>Circuit breaker: failure ratio (transport errors, timeouts, 5xx) that opens it.</summary>
    public double CircuitFailureRatio { get; set; } = 0.5;

    /// <summary>Circuit breaker: fewest calls in the sampling window before it may open.</summary>
    public int CircuitMinimumThroughput { get; set; } = 10;

    public int CircuitSamplingMs { get; set; } = 30_000;

    /// <summary>How long an open circuit fails fast before a trial call is let through.</summary>
    public int CircuitBreakMs { get; set; } = 15_000;

    /// <summary>
    /// Per-symbol values that win over the rules read from exchangeInfo (e.g. Mexc:RuleOverrides:BTCUSDC:MinNotional).
    /// </summary>
    public Dictionary<string, SymbolRuleOverrides> RuleOverrides { get; set; } = new(StringComparer.Ordinal);

    public MexcWebSocketOptions WebSocket { get; set; } = new();

    public MexcBookOptions Book { get; set; } = new();
}
