using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Simulator.Exchange;

/// <summary>One execution of one of the account's orders (myTrades, private deals).</summary>
public sealed record SimFill(
    string TradeId, string OrderId, string ClientOrderId, int SymbolId, string Symbol, Side Side,
    Fixed8 Price, Fixed8 Quantity, decimal QuoteQuantity, decimal Commission, string CommissionAsset, bool IsMaker, long TimeMs);
