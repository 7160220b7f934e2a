using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;

namespace FlashTrader.Mexc.Rest.Models;

/// <summary>An order as GET /order, GET /openOrders and DELETE /order report it.</summary>
public sealed record SpotOrder
{
    public string Symbol { get; init; } = "";

    public string OrderId { get; init; } = "";

    public long OrderListId { get; init; }

    public string ClientOrderId { get; init; } = "";

    /// <summary>DELETE /order: the client id of the order cancelled.</summary>
    public string? OrigClientOrderId { get; init; }

    public Fixed8? Price { get; init; }

    public Fixed8? OrigQty { get; init; }

    public Fixed8? ExecutedQty { get; init; }

    public decimal? CummulativeQuoteQty { get; init; }

    public MexcOrderStatus Status { get; init; }

    public string? TimeInForce { get; init; }

    public SpotOrderType Type { get; init; }

    public Side Side { get; init; }

    /// <summary>Unix ms.</summary>
    public long Time { get; init; }

    public long UpdateTime { get; init; }

    public bool IsWorking { get; init; }

    public decimal? OrigQuoteOrderQty { get; init; }
}
