using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Execution;

/// <summary>
/// Stop-loss, take-profit and trailing-stop orders held on our side, as MEXC spot has none: each is armed with the
/// order to send, watches the touch of its symbol tick by tick, and once triggered hands that order over to be sent
/// (through the entry leg, like any order). Allocates only to grow.
/// </summary>
public sealed class ClientStops
{
    private Armed[] _armed = new Armed[8];

    public int Count { get; private set; }

    public void Arm(in OrderRequest order)
    {
        if (order.Trigger == StopKind.None)
        {
            throw new ArgumentException($"order {order.OrderId} has no trigger", nameof(order));
        }

        if (order.Trigger == StopKind.TrailingStop ? !order.TrailingDistance.IsPositive : !order.TriggerPrice.IsPositive)
        {
            throw new ArgumentException($"order {order.OrderId}: a {order.Trigger} needs a positive {(order.Trigger == StopKind.TrailingStop ? "TrailingDistance" : "TriggerPrice")}", nameof(order));
        }

        if (Count == _armed.Length)
        {
            Array.Resize(ref _armed, _armed.Length * 2);
        }

        _armed[Count++] = new Armed { Order = order, Trigger = order.TriggerPrice };
    }

    /// <summary>
    /// Checks every stop on <paramref name="symbolId"/> against the touch; triggered ones are removed and added to
    /// <paramref name="triggered"/> as plain orders stamped with <paramref name="timeNs"/>, in arming order.
    /// </summary>
    public void OnTouch(int symbolId, Fixed8 bid, Fixed8 ask, long timeNs, List<OrderRequest> triggered)
    {
        int kept = 0;
        for (int i = 0; i < Count; i++)
        {
            ref Armed a = ref _armed[i];
            if (a.Order.SymbolId != symbolId || !Fires(ref a, bid, ask))
            {
                _armed[kept++] = a;
                continue;
            }

            triggered.Add(a.Order with { Trigger = StopKind.None, DecisionTimeNs = timeNs });
        }

        Array.Clear(_armed, kept, Count - kept);
        Count = kept;
    }

    /// <summary>Removes every armed stop (kill switch), handing them to <paramref name="canceled"/>.</summary>
    public void CancelAll(List<OrderRequest> canceled)
    {
        for (int i = 0; i < Count; i++)
        {
            canceled.Add(_armed[i].Order);
        }

        Array.Clear(_armed, 0, Count);
        Count = 0;
    }

    /// <summary>The current trigger price of an armed stop (a trailing stop's moves), or zero when none is armed.</summary>
    public Fixed8 TriggerOf(long orderId)
    {
        for (int i = 0; i < Count; i++)
        {
            if (_armed[i].Order.OrderId == orderId)
            {
                return _armed[i].Trigger;
            }
        }

        return default;
    }

    private static bool Fires(ref Armed a, Fixed8 bid, Fixed8 ask)
    {
        bool sell = a.Order.Side == Side.Sell;
        Fixed8 price = sell ? bid : ask;
        if (!price.IsPositive)
        {
            return false;
        }

        switch (a.Order.Trigger)
        {
            case StopKind.StopLoss:
                return sell ? price <= a.Trigger : price >= a.Trigger;
            case StopKind.TakeProfit:
                return sell ? price >= a.Trigger : price <= a.Trigger;
            default:
                // Trailing: the trigger ratchets with the best price, never back.
                Fixed8 follow = sell ? price - a.Order.TrailingDistance : price + a.Order.TrailingDistance;
                if (a.Trigger.IsZero || (sell ? follow > a.Trigger : follow < a.Trigger))
                {
                    a.Trigger = follow;
                }

                return sell ? price <= a.Trigger : price >= a.Trigger;
        }
    }

    private struct Armed
    {
        public OrderRequest Order;
        public Fixed8 Trigger;
    }
}
