using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Market;

/// <summary>One price level of an L2 book: the total quantity resting at a price.</summary>
public readonly record struct PriceLevel(Fixed8 Price, Fixed8 Quantity);
