using System.Runtime.InteropServices;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Orders;

/// <summary>
/// An order as the decision engine intends it and, after the risk gate has rounded and approved it, as it is sent.
/// <see cref="TickSequence"/> and <see cref="ReceivedTimestamp"/> tie it to the market event that caused it
/// (determinism, and event-to-order latency).
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct OrderRequest(
    long OrderId,
    int SymbolId,
    Side Side,
    OrderType Type,
    TimeInForce TimeInForce,
    Fixed8 Price,
    Fixed8 Quantity,
    OrderPurpose Purpose,
    int SignalSource,
    double Strength,
    long DecisionTimeNs,
    long TickSequence,
    long ReceivedTimestamp)
{
    /// <summary>The strategy (<see cref="Strategies.StrategyCatalog"/> id) whose signal led to this order; 0 when none did.</summary>
    public int StrategyId { get; init; }

    /// <summary>
    /// MARKET only: spend (buy) or raise (sell) this much quote asset instead of trading <see cref="Quantity"/>, as MEXC's
    /// quoteOrderQty. Zero for quantity orders.
    /// </summary>
    public Fixed8 QuoteQuantity { get; init; }

    /// <summary>
    /// A client-side conditional order (MEXC has none for spot): held by us, not the exchange, until the market
    /// reaches <see cref="TriggerPrice"/>, then sent as the MARKET or LIMIT order this request otherwise describes.
    /// </summary>
    public StopKind Trigger { get; init; }

    /// <summary>StopLoss / TakeProfit: the price that triggers; TrailingStop: the first trigger price (0: from the first tick).</summary>
    public Fixed8 TriggerPrice { get; init; }

    /// <summary>TrailingStop: how far behind the best price seen since it was armed the trigger follows.</summary>
    public Fixed8 TrailingDistance { get; init; }

    /// <summary>Exits never increase exposure, so a halted risk gate still lets them through.</summary>
    public bool ReducesPosition => Purpose != OrderPurpose.Entry;
}
