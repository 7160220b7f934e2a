using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Execution;

/// <summary>A GTC limit order resting in the paper exchange, with the balance it has locked.</summary>
public sealed class RestingOrder
{
    public required OrderRequest Request { get; init; }

    public Fixed8 Filled { get; set; }

    /// <summary>Quote (buy) or base (sell) still locked for the unfilled rest.</summary>
    public decimal Locked { get; set; }

    public Fixed8 Remaining => Request.Quantity - Filled;
}
