namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA_CDLSHOOTINGSTAR: -100 when the candle has a short real body (BodyShort), an upper shadow longer than the
/// body (ShadowLong), a very short lower shadow (ShadowVeryShort), and its body gaps up from the previous body;
/// else 0. Lookback 11.
/// </summary>
public sealed class ShootingStar : IBarIndicator
{
    private const int PatternLookback = 11; // max(10, 0, 10) + 1
    private readonly CandleAverage _bodyShort = new(CandleSetting.BodyShort, PatternLookback - CandleSetting.BodyShort.AveragePeriod);
    private readonly CandleAverage _shadowLong = new(CandleSetting.ShadowLong, PatternLookback);
    private readonly CandleAverage _shadowVeryShort = new(CandleSetting.ShadowVeryShort, PatternLookback - CandleSetting.ShadowVeryShort.AveragePeriod);
    private long _count;
    private double _prevOpen;
    private double _prevClose;

    public int Lookback => PatternLookback;

    public int OutputCount => 1;

    public bool IsReady => _count > Lookback;

    public double Value { get; private set; } = double.NaN;

    public double Update(double open, double high, double low, double close)
    {
        long i = _count++;
        if (i >= PatternLookback)
        {
            bool star =
                CandleShape.RealBody(open, close) < _bodyShort.Average(Math.Abs(close - open)) &&
                CandleShape.UpperShadow(open, high, close) > _shadowLong.Average(Math.Abs(close - open)) &&
                CandleShape.LowerShadow(open, low, close) < _shadowVeryShort.Average(high - low) &&
                Math.Min(open, close) > Math.Max(_prevOpen, _prevClose); // real-body gap up
            Value = star ? -100 : 0;
        }

        _bodyShort.Add(i, open, high, low, close);
        _shadowLong.Add(i, open, high, low, close);
        _shadowVeryShort.Add(i, open, high, low, close);
        (_prevOpen, _prevClose) = (open, close);
        return Value;
    }

    public void Update(in Bar bar) => Update(bar.Open, bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        PatternInputs.Check(open, high, low, close, output);
        var p = new ShootingStar();
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = p.Update(open[i], high[i], low[i], close[i]);
        }
    }
}
