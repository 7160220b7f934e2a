using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA_CDLSHOOTINGSTAR: -100 when the candle has a short real body (BodyShort), an upper shadow longer than the
/// body (ShadowLong), a very short lower shadow (ShadowVeryShort), and its body gaps up from the previous body;
/// else 0. Lookback 11.
/// </summary>
public sealed class ShootingStar : IBarIndicator
{
    private const int PatternLookback = 11; // max(10, 0, 10) + 1
    private CandleAverage _bodyShort = new(CandleSetting.BodyShort, PatternLookback - CandleSetting.BodyShort.AveragePeriod);
    private CandleAverage _shadowLong = new(CandleSetting.ShadowLong, PatternLookback);
    private CandleAverage _shadowVeryShort = new(CandleSetting.ShadowVeryShort, PatternLookback - CandleSetting.ShadowVeryShort.AveragePeriod);
    private int _seen; // counted only until the first output
    private double _prevOpen;
    private double _prevClose;
    private double _value = double.NaN;

    public int Lookback => PatternLookback;

    public int OutputCount => 1;

    public bool IsReady => _seen > PatternLookback;

    public double Value => _value;

    // From bar 11 on every average's window is full: BodyShort slides by the real body, ShadowVeryShort by high-low.
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
        bool star =
            body < _bodyShort.Average(body) &&
            CandleShape.UpperShadow(open, high, close) > _shadowLong.Average(body) &&
            CandleShape.LowerShadow(open, low, close) < _shadowVeryShort.Average(range) &&
            Math.Min(open, close) > Math.Max(_prevOpen, _prevClose); // real-body gap up
        double value = star ? -100 : 0;
        _bodyShort.Slide(body);
        _shadowVeryShort.Slide(range);
        (_prevOpen, _prevClose) = (open, close);
        _value = value;
        return value;
    }

    public void Update(in Bar bar) => Update(bar.Open, bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => _value;

    public static void Compute(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        PatternInputs.Check(open, high, low, close, output);
        var p = new ShootingStar();
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
        (_prevOpen, _prevClose) = (open, close);
        return _value;
    }
}
