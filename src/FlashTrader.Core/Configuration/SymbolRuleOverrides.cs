namespace FlashTrader.Core.Configuration;

/// <summary>
/// Trading rules a configuration pins for one symbol, winning over what exchangeInfo says. Unset (null) values take the
/// exchange's rule.
/// </summary>
public sealed class SymbolRuleOverrides
{
    public decimal? MinOrderSize { get; set; }

    public decimal? MinNotional { get; set; }

    public int? PricePrecision { get; set; }

    public int? QuantityPrecision { get; set; }

    public decimal? MakerFee { get; set; }

    public decimal? TakerFee { get; set; }
}
