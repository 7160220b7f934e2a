using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Order-book features as pure functions of the top of an L2 book: bids best (highest) first, asks best
/// (lowest) first. Functions needing a side return NaN when that side is empty or has zero quantity.
/// </summary>
public static class OrderBookFeatures
{
    /// <summary>(bidQty - askQty)/(bidQty + askQty) over the best <paramref name="levels"/> levels of each side, in [-1, 1].</summary>
    public static double Imbalance(ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, int levels)
    {
        double bid = Quantity(bids, levels);
        double ask = Quantity(asks, levels);
        double total = bid + ask;
        return total > 0 ? (bid - ask) / total : double.NaN;
    }

    /// <summary>Bid quantity / ask quantity over the best <paramref name="levels"/> levels of each side.</summary>
    public static double DepthRatio(ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, int levels)
    {
        double ask = Quantity(asks, levels);
        return ask > 0 ? Quantity(bids, levels) / ask : double.NaN;
    }

    /// <summary>
    /// Size-weighted mid: (bid·askQty + ask·bidQty)/(bidQty + askQty) of the best levels; it leans toward the side
    /// more likely to be hit next (a thin ask pulls it up toward the ask).
    /// </summary>
    public static double Microprice(ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks)
    {
        if (bids.IsEmpty || asks.IsEmpty)
        {
            return double.NaN;
        }

        double bidQty = bids[0].Quantity.ToDouble();
        double askQty = asks[0].Quantity.ToDouble();
        double total = bidQty + askQty;
        return total > 0 ? ((bids[0].Price.ToDouble() * askQty) + (asks[0].Price.ToDouble() * bidQty)) / total : double.NaN;
    }

    /// <summary>Best ask - best bid, exact; false when a side is empty.</summary>
    public static bool TryGetSpread(ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks, out Fixed8 spread)
    {
        if (bids.IsEmpty || asks.IsEmpty)
        {
            spread = default;
            return false;
        }

        spread = asks[0].Price - bids[0].Price;
        return true;
    }

    /// <summary>Spread in basis points of the mid price: 10,000·(ask - bid)/((ask + bid)/2).</summary>
    public static double SpreadBps(ReadOnlySpan<PriceLevel> bids, ReadOnlySpan<PriceLevel> asks)
    {
        if (bids.IsEmpty || asks.IsEmpty)
        {
            return double.NaN;
        }

        double bid = bids[0].Price.ToDouble();
        double ask = asks[0].Price.ToDouble();
        return 10_000.0 * (ask - bid) / ((ask + bid) / 2.0);
    }

    private static double Quantity(ReadOnlySpan<PriceLevel> side, int levels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        long raw = 0;
        int n = Math.Min(levels, side.Length);
        for (int i = 0; i < n; i++)
        {
            raw += side[i].Quantity.Raw; // exact sum, one rounding at the end
        }

        return Fixed8.FromRaw(raw).ToDouble();
    }
}
