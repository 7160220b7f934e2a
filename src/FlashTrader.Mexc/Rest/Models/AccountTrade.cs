using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Rest.Models;

/// <summary>One GET /myTrades fill of our own.</summary>
public sealed record AccountTrade
{
    public string Symbol { get; init; } = "";

    public string Id { get; init; } = "";

    public string OrderId { get; init; } = "";

    public long OrderListId { get; init; }

    public Fixed8 Price { get; init; }

    public Fixed8 Qty { get; init; }

    public decimal QuoteQty { get; init; }

    public decimal Commission { get; init; }

    public string CommissionAsset { get; init; } = "";

    /// <summary>Unix ms.</summary>
    public long Time { get; init; }

    public bool IsBuyer { get; init; }

    public bool IsMaker { get; init; }

    public bool IsBestMatch { get; init; }

    public bool IsSelfTrade { get; init; }

    public string? ClientOrderId { get; init; }
}
