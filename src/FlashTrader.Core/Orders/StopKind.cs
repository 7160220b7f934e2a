namespace FlashTrader.Core.Orders;

/// <summary>
/// Client-side conditional orders. Each watches the price the order would trade at: the bid for a sell, the ask for a
/// buy. A sell stop-loss triggers at or below its price, a sell take-profit at or above; a buy mirrors both. A
/// trailing stop's trigger follows the best price since arming at a fixed distance (a sell trails the highest bid).
/// </summary>
public enum StopKind : byte
{
    None = 0,
    StopLoss = 1,
    TakeProfit = 2,
    TrailingStop = 3,
}
