using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Simulator.Exchange;

/// <summary>A new-order request as parsed from POST /api/v3/order (absent parameters are null).</summary>
public sealed record OrderTicket(
    string Symbol, Side Side, SimOrderType Type, Fixed8? Quantity, Fixed8? QuoteOrderQuantity, Fixed8? Price, string? ClientOrderId);
