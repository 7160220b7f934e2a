using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA_CDLDOJI: 100 when the real body is at most 10% of the average high-low range of the previous 10 candles
/// (<see cref="CandleSetting.BodyDoji"/>), else 0. Lookback 10.
/// </summary>
public sealed class Doji : IBarIndicator
{
    private const int PatternLookback = 10; // BodyDoji's averaging period
    private CandleAverage _bodyDoji = new(CandleSetting.BodyDoji, 0);
    private int _seen; // counted only until the first output (PatternLookback + 1)
    private double _value = double.NaN;

    public int Lookback => PatternLookback;

    public int OutputCount => 1;

    public bool IsReady => _seen > PatternLookback;

    public double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double open, double high, double low, double close)
    {
        // The average slides from the first bar: over a zeroed window its running total sums the first ten ranges in
        // TA-Lib's order (range - 0 is exact), so warm-up needs no separate path, only a NaN output.
        double range = high - low; // BodyDoji measures high-low
        bool isDoji = CandleShape.RealBody(open, close) <= _bodyDoji.Average(range);
        double doji = 100.0 * Unsafe.As<bool, byte>(ref isDoji); // no branch: dojis come at random
        _bodyDoji.Slide(range);
        if (_seen <= PatternLookback)
        {
            doji = _seen++ < PatternLookback ? double.NaN : doji; // inline: a call here would make callers spill registers
        }

        _value = doji;
        return doji;
    }

    public void Update(in Bar bar) => Update(bar.Open, bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => _value;

    public static void Compute(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        PatternInputs.Check(open, high, low, close, output);
        var p = new Doji();
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = p.Update(open[i], high[i], low[i], close[i]);
        }
    }
}
