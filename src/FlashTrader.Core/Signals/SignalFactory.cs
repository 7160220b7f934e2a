using FlashTrader.Core.Market;

namespace FlashTrader.Core.Signals;

internal static class SignalFactory
{
    /// <summary>A signal priced where it would trade: the ask for a buy, the bid for a sell.</summary>
    public static Signal Create(in MarketTick tick, Side side, double strength) => new(
        tick.SymbolId,
        side,
        0,
        strength,
        side == Side.Buy ? tick.FeaturesRef.BestAsk : tick.FeaturesRef.BestBid,
        tick.ExchangeTimeNs,
        tick.LocalTimeNs);
}
