using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA_CDLHAMMER: 100 when the candle has a short real body (BodyShort), a lower shadow longer than the body
/// (ShadowLong), a very short upper shadow (ShadowVeryShort), and its body's bottom is at or near the previous
/// candle's low (within Near of it); else 0. Lookback 11.
/// </summary>
public sealed class Hammer : IBarIndicator
{
    private const int PatternLookback = 11; // max(10, 0, 10, 5) + 1: Near is judged on the previous candle
    private CandleAverage _bodyShort = new(CandleSetting.BodyShort, PatternLookback - CandleSetting.BodyShort.AveragePeriod);
    private CandleAverage _shadowLong = new(CandleSetting.ShadowLong, PatternLookback);
    private CandleAverage _shadowVeryShort = new(CandleSetting.ShadowVeryShort, PatternLookback - CandleSetting.ShadowVeryShort.AveragePeriod);
    private CandleAverage _near = new(CandleSetting.Near, PatternLookback - 1 - CandleSetting.Near.AveragePeriod);
    private int _seen; // counted only until the first output
    private double _prevOpen;
    private double _prevHigh;
    private double _prevLow;
    private double _prevClose;
    private double _value = double.NaN;

    public int Lookback => PatternLookback;

    public int OutputCount => 1;

    public bool IsReady => _seen > PatternLookback;

    public double Value => _value;

    // From bar 11 on every average's window is full, so each slides by the measure TA-Lib's setting names:
    // BodyShort the real body, ShadowVeryShort and Near (of the previous candle) the high-low range.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double open, double high, double low, double close)
    {
        if (_seen < PatternLookback)
        {
            return WarmUp(open, high, low, close);
        }

        _seen = PatternLookback + 1;
        double body = CandleShape.RealBody(open, close);
        double range = high - low;
        double prevRange = _prevHigh - _prevLow;
        bool hammer =
            body < _bodyShort.Average(body) &&
            CandleShape.LowerShadow(open, low, close) > _shadowLong.Average(body) &&
            CandleShape.UpperShadow(open, high, close) < _shadowVeryShort.Average(range) &&
            Math.Min(close, open) <= _prevLow + _near.Average(prevRange);
        double value = hammer ? 100 : 0;
        _bodyShort.Slide(body);
        _shadowVeryShort.Slide(range);
        _near.Slide(prevRange);
        (_prevHigh, _prevLow) = (high, low);
        _value = value;
        return value;
    }

    public void Update(in Bar bar) => Update(bar.Open, bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => _value;

    public static void Compute(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        PatternInputs.Check(open, high, low, close, output);
        var p = new Hammer();
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = p.Update(open[i], high[i], low[i], close[i]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double WarmUp(double open, double high, double low, double close)
    {
        long i = _seen++;
        _bodyShort.Add(i, open, high, low, close);
        _shadowLong.Add(i, open, high, low, close);
        _shadowVeryShort.Add(i, open, high, low, close);
        if (i >= 1)
        {
            _near.Add(i - 1, _prevOpen, _prevHigh, _prevLow, _prevClose);
        }

        (_prevOpen, _prevHigh, _prevLow, _prevClose) = (open, high, low, close);
        return _value;
    }
}
