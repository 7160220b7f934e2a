using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Linearly weighted moving average (newest weight period, oldest weight 1), kept in O(1) with TA-Lib's two
/// running sums (weighted sum and plain sum); the output is TA_WMA's (weighted + newest·period) / divider. Each
/// sum is carried with one addition per bar (sum + (in - out)) rather than TA-Lib's two, which halves the
/// dependency chain and moves the rounding by ulps only. Lookback period-1.
/// </summary>
public sealed class Wma : IBarIndicator
{
    private readonly int _period;
    private readonly double _weight; // the newest value's weight, as a double
    private readonly double _divider;
    private readonly double[] _window;
    private int _pos;
    private int _seen; // 0 until the window first fills, then period
    private double _weightedSum = double.NaN; // NaN until seeded
    private double _plainSum = double.NaN;
    private double _trailing;
    private double _value = double.NaN;

    public Wma(int period)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _weight = period;
        _divider = (period * (period + 1)) >> 1;
        _window = new double[period];
    }

    public int Lookback => _period - 1;

    public int OutputCount => 1;

    public bool IsReady => _seen >= _period;

    public double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double value)
    {
        double[] window = _window;
        ref double first = ref MemoryMarshal.GetArrayDataReference(window);
        int pos = _pos;
        Unsafe.Add(ref first, pos) = value;
        if (++pos == window.Length)
        {
            pos = 0;
            if (!IsReady)
            {
                Seed(); // the window has just filled: once per indicator
            }
        }

        _pos = pos;

        // During warm-up both sums are NaN, so the output is NaN without a test per update.
        double plain = _plainSum + (value - _trailing);
        double weighted = _weightedSum;
        double newest = value * _weight;
        double wma = (weighted + newest) / _divider;
        _plainSum = plain;
        _weightedSum = weighted + (newest - plain);
        _trailing = Unsafe.Add(ref first, pos); // oldest value of this window (pos < window.Length): its weight drops to zero next bar
        _value = wma;
        return wma;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => _value;

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        TaLibMath.RequireSameLength(input.Length, output.Length, nameof(output));
        var wma = new Wma(period);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = wma.Update(input[i]);
        }
    }

    // TA-Lib's warm-up sums over the first period-1 values, in its order (weights 1, 2, ...); the newest is
    // added by the caller's formula.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Seed()
    {
        double plain = 0;
        double weighted = 0;
        for (int i = 0; i < _period - 1; i++)
        {
            plain += _window[i];
            weighted += _window[i] * (i + 1);
        }

        _plainSum = plain;
        _weightedSum = weighted;
        _seen = _period;
    }
}
