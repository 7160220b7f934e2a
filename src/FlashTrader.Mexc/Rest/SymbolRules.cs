using FlashTrader.Mexc.Rest.Models;

namespace FlashTrader.Mexc.Rest;

/// <summary>One symbol's trading rules as the pipeline needs them, read from exchangeInfo.</summary>
public sealed record SymbolRules(
    string Symbol,
    string Status,
    bool IsTradable,
    string BaseAsset,
    string QuoteAsset,
    int PricePrecision,
    int QuantityPrecision,
    decimal MinQuantity,
    decimal MinNotional,
    decimal MakerFee,
    decimal TakerFee,
    IReadOnlyList<SpotOrderType> OrderTypes);
