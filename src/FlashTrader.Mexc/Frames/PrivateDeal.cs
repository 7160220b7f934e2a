using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Frames;

/// <summary>One fill of one of our orders (private deals stream, body 306).</summary>
public readonly record struct PrivateDeal
{
    public int SymbolId { get; init; }

    public Fixed8 Price { get; init; }

    public Fixed8 Quantity { get; init; }

    /// <summary>Quote amount of the fill.</summary>
    public Fixed8 Amount { get; init; }

    /// <summary>Our order's side.</summary>
    public Side Side { get; init; }

    public bool IsMaker { get; init; }

    public bool IsSelfTrade { get; init; }

    public string TradeId { get; init; }

    public string ClientOrderId { get; init; }

    public string OrderId { get; init; }

    public Fixed8 FeeAmount { get; init; }

    public string FeeAsset { get; init; }

    /// <summary>When the fill happened, Unix ns.</summary>
    public long TradeTimeNs { get; init; }

    public long ExchangeTimeNs { get; init; }

    public long LocalTimeNs { get; init; }
}
