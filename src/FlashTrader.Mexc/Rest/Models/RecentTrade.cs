using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Rest.Models;

/// <summary>One GET /trades entry (MEXC sends id as null).</summary>
public sealed record RecentTrade
{
    public long? Id { get; init; }

    public Fixed8 Price { get; init; }

    public Fixed8 Qty { get; init; }

    public decimal QuoteQty { get; init; }

    /// <summary>Unix ms.</summary>
    public long Time { get; init; }

    /// <summary>True when the buyer was the maker: a sell-initiated trade.</summary>
    public bool IsBuyerMaker { get; init; }

    public bool IsBestMatch { get; init; }
}
