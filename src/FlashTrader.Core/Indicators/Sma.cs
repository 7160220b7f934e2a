using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Simple moving average, TA-Lib's running-sum form (add the newest, divide, subtract the oldest), so the
/// rounding matches TA_SMA exactly (Stochastic's smoothing, and so its output, stays bit-identical to TA-Lib's).
/// Lookback period-1.
/// </summary>
public sealed class Sma : IBarIndicator
{
    private readonly int _period;
    private readonly double _divisor; // the period as a double: no int conversion per update
    private readonly double[] _window;
    private int _pos;
    private int _seen; // 0 until the window first fills, then period
    private double _total = double.NaN; // sum of the last period-1 values once ready; NaN before
    private double _value = double.NaN;

    public Sma(int period)
    {
        // 1 is allowed for internal smoothing (STOCH's slow %K of 1); TA_SMA itself starts at 2.
        TaLibMath.RequirePeriod(period, 1, nameof(period));
        _period = period;
        _divisor = period;
        _window = new double[period];
    }

    public int Period => _period;

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

        // During warm-up _total is NaN, so the output is NaN without a test per update. pos < window.Length
        // always, so the unchecked read stays inside the ring.
        double total = _total + value;
        double sma = total / _divisor;
        _total = total - Unsafe.Add(ref first, pos); // the oldest leaves before the next value enters
        _value = sma;
        return sma;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => _value;

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        TaLibMath.RequireSameLength(input.Length, output.Length, nameof(output));
        var sma = new Sma(period);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = sma.Update(input[i]);
        }
    }

    // TA-Lib's seed: the first period-1 values summed in order (the newest is added by the caller's formula).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Seed()
    {
        double total = 0;
        for (int i = 0; i < _window.Length - 1; i++)
        {
            total += _window[i];
        }

        _total = total;
        _seen = _period;
    }
}
