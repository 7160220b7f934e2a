namespace FlashTrader.Core.Configuration;

public sealed class ExecutionOptions
{
    /// <summary>Entry order type: LIMIT (at the touch, marketable) or MARKET.</summary>
    public string OrderType { get; set; } = "LIMIT";

    /// <summary>For LIMIT entries: IOC (cancel the unfilled rest) or GTC (let it rest).</summary>
    public string TimeInForce { get; set; } = "IOC";

    public double TakeProfitBps { get; set; } = 20;

    public double StopLossBps { get; set; } = 10;

    public int MaxOpenOrders { get; set; } = 5;

    public int MaxDailyOrders { get; set; } = 1000;

    public bool RetryFailedOrders { get; set; } = true;

    public int MaxRetries { get; set; } = 3;

    public int RetryDelayMs { get; set; } = 500;

    /// <summary>Net signal strength (buy minus sell, over the signal window) needed to enter.</summary>
    public double EntryScore { get; set; } = 0.5;

    /// <summary>Window over which the decision engine sums recent signals.</summary>
    public int SignalWindowMs { get; set; } = 1_000;

    /// <summary>Share of free quote balance committed to one entry at full strength.</summary>
    public double PositionSizeFraction { get; set; } = 0.25;

    /// <summary>Minimum event time between two entries on one symbol (no machine-gunning after a fill).</summary>
    public int EntryCooldownMs { get; set; } = 5_000;

    /// <summary>Order latency between us and the matching engine (entry leg, response leg).</summary>
    public LatencyOptions Latency { get; set; } = new();

    /// <summary>
    /// Where a resting LIMIT order stands in the queue at its price: RiskAverse (behind everything displayed when it
    /// joined; only trades advance it), Probabilistic (a seeded share of cancellations ahead advance it too), or Touch
    /// (first in line: any trade at its price fills it, the naive model).
    /// </summary>
    public string QueueModel { get; set; } = "RiskAverse";
}
