using FlashTrader.Core.Configuration;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Instruments;

/// <summary>A tradable spot pair with its exchange rules, addressed on the hot path by <see cref="Id"/>.</summary>
public sealed class Instrument
{
    public Instrument(int id, TradingPairOptions pair)
    {
        Id = id;
        Symbol = pair.Symbol;
        BaseAsset = pair.BaseAsset;
        QuoteAsset = pair.QuoteAsset;
        MinQuantity = Fixed8.FromDecimal(pair.MinOrderSize);
        MinNotional = pair.MinNotional;
        PriceDecimals = pair.PricePrecision;
        QuantityDecimals = pair.QuantityPrecision;
        MaxPosition = Fixed8.FromDecimal(pair.MaxPosition);
        MakerFeeRate = pair.MakerFee;
        TakerFeeRate = pair.TakerFee;
        SourceSymbols = pair.SourceSymbols.Count > 0 ? [.. pair.SourceSymbols] : [pair.Symbol];
    }

    public int Id { get; }

    public string Symbol { get; }

    public string BaseAsset { get; }

    public string QuoteAsset { get; }

    public Fixed8 MinQuantity { get; }

    public decimal MinNotional { get; }

    public int PriceDecimals { get; }

    public int QuantityDecimals { get; }

    public Fixed8 MaxPosition { get; }

    public decimal MakerFeeRate { get; }

    public decimal TakerFeeRate { get; }

    /// <summary>Recorded symbols that stand for this pair (BTCUSDT data as BTCUSDC).</summary>
    public IReadOnlyList<string> SourceSymbols { get; }

    public override string ToString() => Symbol;
}
