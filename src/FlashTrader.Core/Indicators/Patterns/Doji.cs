using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA_CDLDOJI: 100 when the real body is at most 10% of the average high-low range of the previous 10 candles
/// (<see cref="CandleSetting.BodyDoji"/>), else 0. Lookback 10.
/// </summary>
public sealed class Doji : IBarIndicator
{
    private const int PatternLookback = CandleSetting.BodyDojiPeriod; // BodyDoji's averaging period
    private CandleAverage _bodyDoji = new(CandleSetting.BodyDoji, 0);
    private double _value = double.NaN;

    public int Lookback => PatternLookback;

    public int OutputCount => 1;

    public bool IsReady => !double.IsNaN(_value); // 0 or 100 from the first output on

    public double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double open, double high, double low, double close)
    {
        // The average slides from the first bar: over a zeroed window its running total sums the first ten ranges in
        // TA-Lib's order (range - 0 is exact), so warm-up needs no separate path, only a NaN output: the average's
        // Unfilled, NaN until its ring has wrapped after the tenth bar, added (no branch, no counter).
        double range = high - low; // BodyDoji measures high-low

        // No halving (high-low) and a non-empty window, so TA_CANDLEAVERAGE is factor · (total / period); with the
        // setting's constants the JIT loads neither per bar.
        double average = CandleSetting.BodyDojiFactor * (_bodyDoji.Total / (double)CandleSetting.BodyDojiPeriod);

        // 100 or 0 as the compare's all-ones/zero mask ANDed with 100's bits: no branch (dojis come at random) and no
        // int-to-double conversion. The compare is ordered, so a NaN gives 0 as the scalar <= does.
        Vector128<double> isDoji = Vector128.LessThanOrEqual(
            Vector128.CreateScalarUnsafe(CandleShape.RealBody(open, close)), Vector128.CreateScalarUnsafe(average));
        double doji = (isDoji & Vector128.CreateScalarUnsafe(100.0)).ToScalar() + _bodyDoji.Unfilled;
        _bodyDoji.Slide(range);

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
