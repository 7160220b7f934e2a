using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Tests.Builders;

/// <summary>Ticks carrying hand-set features, for the stages after MarketState.</summary>
internal static class Ticks
{
    /// <summary>A tradeable top of book; mid and spread follow from the prices.</summary>
    public static MarketFeatures Quote(string bid, string ask)
    {
        Fixed8 b = Fixed8.Parse(bid);
        Fixed8 a = Fixed8.Parse(ask);
        double mid = (b.ToDouble() + a.ToDouble()) / 2;
        return new MarketFeatures
        {
            Tradeable = true,
            BestBid = b,
            BestBidQuantity = Fixed8.One,
            BestAsk = a,
            BestAskQuantity = Fixed8.One,
            Mid = mid,
            SpreadBps = (a.ToDouble() - b.ToDouble()) / mid * 10_000,
            MomentumPercent = double.NaN,
            VolatilityPercent = double.NaN,
            TrendPercent = double.NaN,
        };
    }

    /// <summary>A tick of a trade event (a price event the signal generator evaluates) at <paramref name="ms"/>.</summary>
    public static MarketTick At(double ms, MarketFeatures features, int symbol = 0, long sequence = 1) =>
        new(sequence, MarketEvent.Trade(symbol, Events.At(ms), Events.At(ms), features.BestBid, Fixed8.One, Side.Buy, sequence), features, 0);

    public static MarketTick Of(MarketEvent ev, MarketFeatures features, long sequence = 1) => new(sequence, ev, features, 0);
}
