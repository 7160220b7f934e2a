namespace FlashTrader.Core.Configuration;

/// <summary>One entry of the <c>TradingPairs</c> section: a spot pair and its trading rules.</summary>
public sealed class TradingPairOptions
{
    public string Symbol { get; set; } = "";

    public string BaseAsset { get; set; } = "";

    public string QuoteAsset { get; set; } = "";

    /// <summary>Minimum order quantity in the base asset.</summary>
    public decimal MinOrderSize { get; set; }

    /// <summary>Minimum order value in the quote asset.</summary>
    public decimal MinNotional { get; set; } = 1m;

    public int PricePrecision { get; set; } = 2;

    public int QuantityPrecision { get; set; } = 6;

    /// <summary>Largest position held in the base asset.</summary>
    public decimal MaxPosition { get; set; }

    /// <summary>Maker fee rate (0.0002 = 2 bps). Modelled even when zero: MEXC's zero-fee pairs change.</summary>
    public decimal MakerFee { get; set; }

    public decimal TakerFee { get; set; }

    public bool Enabled { get; set; } = true;

    public string Description { get; set; } = "";

    /// <summary>Symbols in recordings that feed this pair (e.g. BTCUSDT data replayed as BTCUSDC). Empty: the symbol itself.</summary>
    public List<string> SourceSymbols { get; set; } = [];
}
