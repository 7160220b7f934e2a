using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// One push of the private orders stream (body 304). Ids are strings because MEXC's are (e.g. C02__3854...):
/// private pushes are rare, so they are decoded into strings that may outlive the callback.
/// </summary>
public readonly record struct PrivateOrderUpdate
{
    public int SymbolId { get; init; }

    public string OrderId { get; init; }

    public string ClientOrderId { get; init; }

    public Fixed8 Price { get; init; }

    public Fixed8 Quantity { get; init; }

    /// <summary>Quote amount of the order (price × quantity, or the quote size of a market order).</summary>
    public Fixed8 Amount { get; init; }

    public Fixed8 AveragePrice { get; init; }

    public MexcOrderType OrderType { get; init; }

    public Side Side { get; init; }

    public bool IsMaker { get; init; }

    public Fixed8 RemainingAmount { get; init; }

    public Fixed8 RemainingQuantity { get; init; }

    /// <summary>Quantity of the fill that caused this push (zero when the push is not about a fill).</summary>
    public Fixed8 LastDealQuantity { get; init; }

    public Fixed8 CumulativeQuantity { get; init; }

    public Fixed8 CumulativeAmount { get; init; }

    public MexcOrderStatus Status { get; init; }

    /// <summary>When the order was created, Unix ns.</summary>
    public long CreateTimeNs { get; init; }

    public long ExchangeTimeNs { get; init; }

    public long LocalTimeNs { get; init; }
}
