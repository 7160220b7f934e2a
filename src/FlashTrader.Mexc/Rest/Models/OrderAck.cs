using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Rest.Models;

/// <summary>POST /order's answer: the order was accepted. Order ids are strings (C02__385413065019117569043).</summary>
public sealed record OrderAck
{
    public string Symbol { get; init; } = "";

    public string OrderId { get; init; } = "";

    public long OrderListId { get; init; }

    public Fixed8? Price { get; init; }

    public Fixed8? OrigQty { get; init; }

    public SpotOrderType Type { get; init; }

    public Side Side { get; init; }

    /// <summary>Unix ms.</summary>
    public long TransactTime { get; init; }
}
