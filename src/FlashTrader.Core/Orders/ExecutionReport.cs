using System.Runtime.InteropServices;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Orders;

/// <summary>
/// What happened to an order: a fill (<see cref="FillId"/> &gt; 0, with price, quantity and fee), a state change, or a
/// rejection. Fees are charged in the quote asset.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct ExecutionReport(
    long OrderId,
    int SymbolId,
    Side Side,
    OrderStatus Status,
    OrderPurpose Purpose,
    RejectReason RejectReason,
    long FillId,
    Fixed8 LastPrice,
    Fixed8 LastQuantity,
    decimal Fee,
    Liquidity Liquidity,
    Fixed8 CumulativeQuantity,
    Fixed8 OrderQuantity,
    long TimeNs,
    long TickSequence)
{
    /// <summary>The strategy (<see cref="Strategies.StrategyCatalog"/> id) of the order this report is about.</summary>
    public int StrategyId { get; init; }

    public bool IsFill => FillId > 0;

    public decimal QuoteQuantity => Fixed8.Multiply(LastPrice, LastQuantity);
}
