namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>What a candle setting measures a candle by (TA-Lib's TA_RangeType).</summary>
public enum CandleRangeType
{
    RealBody = 0,
    HighLow = 1,
    Shadows = 2,
}

/// <summary>
/// One of TA-Lib's candle settings: a candle part is "short", "long", "near"... relative to
/// factor × the average <see cref="RangeType"/> of the previous <see cref="AveragePeriod"/> candles
/// (or of the candle itself when the period is 0). Defaults are TA-Lib's.
/// </summary>
public readonly record struct CandleSetting(CandleRangeType RangeType, int AveragePeriod, double Factor)
{
    // BodyDoji's numbers as constants: Doji divides by them directly, and a constant costs no load or class-init check.
    internal const int BodyDojiPeriod = 10;
    internal const double BodyDojiFactor = 0.1;

    public static CandleSetting BodyShort { get; } = new(CandleRangeType.RealBody, 10, 1.0);

    public static CandleSetting BodyDoji { get; } = new(CandleRangeType.HighLow, BodyDojiPeriod, BodyDojiFactor);

    public static CandleSetting ShadowLong { get; } = new(CandleRangeType.RealBody, 0, 1.0);

    public static CandleSetting ShadowVeryShort { get; } = new(CandleRangeType.HighLow, 10, 0.1);

    public static CandleSetting Near { get; } = new(CandleRangeType.HighLow, 5, 0.2);

    /// <summary>The candle's measure under this setting's range type (TA_CANDLERANGE).</summary>
    public double RangeOf(double open, double high, double low, double close) => RangeType switch
    {
        CandleRangeType.RealBody => Math.Abs(close - open),
        CandleRangeType.HighLow => high - low,
        _ => CandleShape.UpperShadow(open, high, close) + CandleShape.LowerShadow(open, low, close),
    };
}
