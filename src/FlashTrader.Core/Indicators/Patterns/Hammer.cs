namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA_CDLHAMMER: 100 when the candle has a short real body (BodyShort), a lower shadow longer than the body
/// (ShadowLong), a very short upper shadow (ShadowVeryShort), and its body's bottom is at or near the previous
/// candle's low (within Near of it); else 0. Lookback 11.
/// </summary>
public sealed class Hammer : IBarIndicator
{
    private const int PatternLookback = 11; // max(10, 0, 10, 5) + 1: Near is judged on the previous candle
    private readonly CandleAverage _bodyShort = new(CandleSetting.BodyShort, PatternLookback - CandleSetting.BodyShort.AveragePeriod);
    private readonly CandleAverage _shadowLong = new(CandleSetting.ShadowLong, PatternLookback);
    private readonly CandleAverage _shadowVeryShort = new(CandleSetting.ShadowVeryShort, PatternLookback - CandleSetting.ShadowVeryShort.AveragePeriod);
    private readonly CandleAverage _near = new(CandleSetting.Near, PatternLookback - 1 - CandleSetting.Near.AveragePeriod);
    private long _count;
    private double _prevOpen;
    private double _prevHigh;
    private double _prevLow;
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
            bool hammer =
                CandleShape.RealBody(open, close) < _bodyShort.Average(Math.Abs(close - open)) &&
                CandleShape.LowerShadow(open, low, close) > _shadowLong.Average(Math.Abs(close - open)) &&
                CandleShape.UpperShadow(open, high, close) < _shadowVeryShort.Average(high - low) &&
                Math.Min(close, open) <= _prevLow + _near.Average(_prevHigh - _prevLow);
            Value = hammer ? 100 : 0;
        }

        _bodyShort.Add(i, open, high, low, close);
        _shadowLong.Add(i, open, high, low, close);
        _shadowVeryShort.Add(i, open, high, low, close);
        if (i >= 1)
        {
            _near.Add(i - 1, _prevOpen, _prevHigh, _prevLow, _prevClose);
        }

        (_prevOpen, _prevHigh, _prevLow, _prevClose) = (open, high, low, close);
        return Value;
    }

    public void Update(in Bar bar) => Update(bar.Open, bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        PatternInputs.Check(open, high, low, close, output);
        var p = new Hammer();
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = p.Update(open[i], high[i], low[i], close[i]);
        }
    }
}
