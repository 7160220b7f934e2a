using FlashTrader.Core.Market;

namespace FlashTrader.Core.Strategies;

/// <summary>
/// The market features an expression can read, by name, and how each is copied from a tick into the first slots of
/// a strategy's slot array. Percent features keep the pipeline's units (momentum_pct 0.05 = 0.05 %).
/// Candle fields (open, high, low, close, volume) come from the last closed candle of the strategy's smallest
/// timeframe and are filled in by the strategy, not here.
/// </summary>
public static class MarketFeatureSlots
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "mid", "bid", "ask", "bid_qty", "ask_qty", "spread_bps", "imbalance", "depth_ratio", "microprice",
        "momentum_pct", "volatility_pct", "trend_pct", "trade_vwap", "buy_volume", "sell_volume",
        "open", "high", "low", "close", "volume",
    ];

    /// <summary>Slot of "open"; open, high, low, close, volume follow in that order.</summary>
    public const int CandleOpen = 15;

    public static int Count => Names.Count;

    /// <summary>Copies the tick's features into slots 0 .. CandleOpen-1.</summary>
    public static void Fill(in MarketFeatures f, Span<double> slots)
    {
        double bid = f.BestBid.ToDouble();
        double ask = f.BestAsk.ToDouble();
        double bidQty = f.BestBidQuantity.ToDouble();
        double askQty = f.BestAskQuantity.ToDouble();
        slots[0] = f.Mid;
        slots[1] = bid;
        slots[2] = ask;
        slots[3] = bidQty;
        slots[4] = askQty;
        slots[5] = f.SpreadBps;
        slots[6] = f.Imbalance;
        slots[7] = f.DepthRatio;
        // Size-weighted mid of the best levels: leans toward the side more likely to trade next.
        slots[8] = bidQty + askQty > 0 ? ((bid * askQty) + (ask * bidQty)) / (bidQty + askQty) : double.NaN;
        slots[9] = f.MomentumPercent;
        slots[10] = f.VolatilityPercent;
        slots[11] = f.TrendPercent;
        slots[12] = f.TradeVwap;
        slots[13] = f.BuyVolume;
        slots[14] = f.SellVolume;
    }
}
