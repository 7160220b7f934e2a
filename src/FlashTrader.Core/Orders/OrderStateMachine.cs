namespace FlashTrader.Core.Orders;

/// <summary>
/// The one order life cycle, shared by the paper exchange and live trading (MEXC's statuses map onto it, see
/// <see cref="MexcOrderStatus"/>). An order starts <see cref="OrderStatus.PendingNew"/>; the final states
/// (FILLED, CANCELED, PARTIALLY_CANCELED, REJECTED) have no way out. A report that would break the cycle is a bug in
/// whoever produced it, so <see cref="Advance"/> throws rather than let the books drift.
/// </summary>
public static class OrderStateMachine
{
    public static bool IsLegal(OrderStatus from, OrderStatus to) => from switch
    {
        // Acknowledged resting, filled at once (in part or whole), canceled at once (IOC/FOK/MARKET with nothing to
        // take), or refused.
        OrderStatus.PendingNew => to is OrderStatus.New or OrderStatus.PartiallyFilled or OrderStatus.Filled or OrderStatus.Canceled or OrderStatus.Rejected,
        OrderStatus.New => to is OrderStatus.PartiallyFilled or OrderStatus.Filled or OrderStatus.Canceled,

        // Every further fill is another PARTIALLY_FILLED; a cancel after a fill is PARTIALLY_CANCELED, never CANCELED.
        OrderStatus.PartiallyFilled => to is OrderStatus.PartiallyFilled or OrderStatus.Filled or OrderStatus.PartiallyCanceled,
        _ => false,
    };

    /// <summary>Moves <paramref name="state"/> to <paramref name="next"/>, or throws naming the order and the illegal step.</summary>
    public static void Advance(ref OrderStatus state, OrderStatus next, long orderId)
    {
        if (!IsLegal(state, next))
        {
            throw new InvalidOperationException($"order {orderId}: {state.ToWire()} -> {next.ToWire()} is not a legal order transition");
        }

        state = next;
    }
}
