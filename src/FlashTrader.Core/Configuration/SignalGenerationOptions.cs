namespace FlashTrader.Core.Configuration;

public sealed class SignalGenerationOptions
{
    /// <summary>|order-book imbalance| above this emits an imbalance signal (BUY when positive).</summary>
    public double ImbalanceThreshold { get; set; } = 0.2;

    /// <summary>Realized volatility over the volatility window, in percent, above which a breakout signal fires.</summary>
    public double VolatilityThreshold { get; set; } = 0.1;

    /// <summary>Mid-price change over the momentum window, in percent, beyond which a momentum signal fires.</summary>
    public double MomentumThreshold { get; set; } = 0.05;

    /// <summary>Signals are suppressed when the spread is below this (bps). 0: BTC's MEXC spread is ~0.001 bps.</summary>
    public double MinSpreadBps { get; set; }

    public double MaxSpreadBps { get; set; } = 50;

    /// <summary>Levels per side used for imbalance and depth ratios.</summary>
    public int OrderBookDepth { get; set; } = 10;

    /// <summary>Sampling period of the mid-price series behind momentum, volatility and trend (event time).</summary>
    public int UpdateIntervalMs { get; set; } = 100;

    /// <summary>Minimum event time between two evaluations of a symbol's strategies.</summary>
    public int SignalIntervalMs { get; set; } = 50;

    public int MomentumWindowMs { get; set; } = 30_000;

    public int VolatilityWindowMs { get; set; } = 60_000;

    public int TrendWindowMs { get; set; } = 120_000;

    /// <summary>Window of the trade tape (buy/sell volume, VWAP).</summary>
    public int TradeWindowMs { get; set; } = 60_000;

    /// <summary>Which built-in strategies run: "imbalance", "momentum", "volatility".</summary>
    public List<string> Strategies { get; set; } = ["imbalance", "momentum", "volatility"];
}
