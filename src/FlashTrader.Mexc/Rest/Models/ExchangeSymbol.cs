namespace FlashTrader.Mexc.Rest.Models;

/// <summary>One symbol of /exchangeInfo, field for field (amounts exact, from MEXC's strings).</summary>
public sealed record ExchangeSymbol
{
    public string Symbol { get; init; } = "";

    /// <summary>"1" online, "2" paused, "3" offline; older responses said "ENABLED".</summary>
    public string Status { get; init; } = "";

    public string BaseAsset { get; init; } = "";

    public string QuoteAsset { get; init; } = "";

    /// <summary>Quantity decimals.</summary>
    public int BaseAssetPrecision { get; init; }

    /// <summary>Price decimals.</summary>
    public int QuotePrecision { get; init; }

    /// <summary>Price decimals (the same as <see cref="QuotePrecision"/> in every capture).</summary>
    public int QuoteAssetPrecision { get; init; }

    /// <summary>Minimum quantity; often "0" (no minimum beyond one quantity step).</summary>
    public decimal BaseSizePrecision { get; init; }

    /// <summary>Minimum notional of a limit order, in the quote asset.</summary>
    public decimal QuoteAmountPrecision { get; init; }

    /// <summary>Minimum notional of a market order.</summary>
    public decimal QuoteAmountPrecisionMarket { get; init; }

    public decimal MaxQuoteAmount { get; init; }

    public decimal MaxQuoteAmountMarket { get; init; }

    public decimal MakerCommission { get; init; }

    public decimal TakerCommission { get; init; }

    /// <summary>Seen: LIMIT, MARKET, LIMIT_MAKER.</summary>
    public IReadOnlyList<string> OrderTypes { get; init; } = [];

    public bool IsSpotTradingAllowed { get; init; }

    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>1 all, 2 buy only, 3 sell only, 4 close.</summary>
    public int TradeSideType { get; init; }
}
