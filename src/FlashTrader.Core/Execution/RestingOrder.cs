using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Execution;

/// <summary>
/// A LIMIT (GTC) or LIMIT_MAKER order resting in the paper exchange: the balance it has locked, its state, and its
/// place in the queue at its price.
/// </summary>
public sealed class RestingOrder
{
    public required OrderRequest Request { get; init; }

    public Fixed8 Filled { get; set; }

    /// <summary>Quote (buy) or base (sell) still locked for the unfilled rest.</summary>
    public decimal Locked { get; set; }

    public Fixed8 Remaining => Request.Quantity - Filled;

    public OrderStatus Status { get; private set; } = OrderStatus.PendingNew;

    /// <summary>Displayed quantity at our price that must trade before we do (unknown after a restart: the whole level).</summary>
    public Fixed8 QueueAhead { get; set; } = Fixed8.MaxValue;

    /// <summary>The displayed size of our price level when we last looked.</summary>
    public Fixed8 LevelDisplayed { get; set; } = Fixed8.MaxValue;

    /// <summary>Traded at our price since the level last changed: the part of its next decrease that trades explain.</summary>
    public Fixed8 TradedSinceLevelChange { get; set; }

    public void Advance(OrderStatus next)
    {
        OrderStatus status = Status;
        OrderStateMachine.Advance(ref status, next, Request.OrderId);
        Status = status;
    }

    /// <summary>Restores the state an order had when it was saved (resting orders are NEW or PARTIALLY_FILLED).</summary>
    public void RestoreStatus() => Status = Filled.IsZero ? OrderStatus.New : OrderStatus.PartiallyFilled;
}
