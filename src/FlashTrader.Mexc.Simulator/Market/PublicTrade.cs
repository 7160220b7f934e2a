using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Simulator.Market;

/// <summary>A replayed market trade as the REST trade lists serve it; <see cref="Aggressor"/> is the taker's side.</summary>
public readonly record struct PublicTrade(long TimeMs, Fixed8 Price, Fixed8 Quantity, Side Aggressor, long TradeId)
{
    /// <summary>MEXC's isBuyerMaker: the buyer rested, so the taker sold.</summary>
    public bool IsBuyerMaker => Aggressor == Side.Sell;
}
