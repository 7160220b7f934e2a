using System.Runtime.InteropServices;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Market;

/// <summary>What MarketState knows about one symbol after an event: the inputs of every strategy and exit rule.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct MarketFeatures
{
    /// <summary>The book is synced, uncrossed and two-sided: safe to trade on.</summary>
    public bool Tradeable { get; init; }

    public Fixed8 BestBid { get; init; }

    public Fixed8 BestBidQuantity { get; init; }

    public Fixed8 BestAsk { get; init; }

    public Fixed8 BestAskQuantity { get; init; }

    /// <summary>(bid + ask) / 2 as a double, for indicators; exact prices stay in BestBid/BestAsk.</summary>
    public double Mid { get; init; }

    public double SpreadBps { get; init; }

    /// <summary>(bid qty - ask qty) / (bid qty + ask qty) over the configured depth, in [-1, 1].</summary>
    public double Imbalance { get; init; }

    /// <summary>Bid quantity / ask quantity over the configured depth.</summary>
    public double DepthRatio { get; init; }

    /// <summary>Mid change over the momentum window, in percent (NaN until the window has filled).</summary>
    public double MomentumPercent { get; init; }

    /// <summary>Realized volatility of sampled mid returns over the volatility window, in percent (NaN until filled).</summary>
    public double VolatilityPercent { get; init; }

    /// <summary>Mid relative to its mean over the trend window, in percent (positive: up-trend).</summary>
    public double TrendPercent { get; init; }

    public double TradeVwap { get; init; }

    public double BuyVolume { get; init; }

    public double SellVolume { get; init; }
}
