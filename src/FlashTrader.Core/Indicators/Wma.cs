using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Linearly weighted moving average (newest weight period, oldest weight 1), kept in O(1) with TA-Lib's two
/// running sums (weighted sum and plain sum); the output is TA_WMA's (weighted + newest·period) / divider. Each
/// sum takes one addition per bar (sum + (in - out)) and is split in two halves by the ring slot's parity, so
/// consecutive bars extend different halves and the ~9-cycle store-to-load wait on each running sum is paid every
/// other bar. Both start at 0 over a zeroed window, which builds TA-Lib's warm-up sums (weights 1, 2, ...) with
/// no separate seeding; the weighted halves are folded into one each time the ring wraps, which bounds how far
/// apart they can drift. Matches TA-Lib to within ulps of its sums. Lookback period-1; NaN before.
/// </summary>
public sealed class Wma : IBarIndicator
{
    private readonly int _period;
    private readonly double _weight; // the newest value's weight, as a double
    private readonly double _fullDivider;
    private readonly double[] _window;
    private double _divider = double.NaN; // period·(period+1)/2 once the window has filled; NaN before
    private nint _pos; // native-sized: indexes the ring with no sign extension
    private bool _ready;
    private double _evenPlain; // sums of the ring's even and odd slots
    private double _oddPlain;
    private double _evenWeighted; // the weighted sum of the window without its newest value, in two halves
    private double _oddWeighted;
    private double _value = double.NaN;

    public Wma(int period)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _weight = period;
        _fullDivider = (period * (period + 1)) >> 1;
        _window = new double[period];
    }

    public int Lookback => _period - 1;

    public int OutputCount => 1;

    public bool IsReady => _ready;

    public double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double value)
    {
        double[] window = _window;
        nint pos = _pos; // always < window.Length, so the unchecked access stays inside the ring
        ref double slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(window), pos);
        double delta = value - slot; // the oldest value (weight 1 last bar) leaves
        slot = value;
        double newest = value * _weight;
        double numerator;

        // The halves are picked by a branch (parity alternates, so it is predicted) rather than by addresses
        // computed from the position: each half is then a fixed field, a dozen instructions fewer per bar.
        if ((pos & 1) == 0)
        {
            double plainSum = _evenPlain + delta;
            _evenPlain = plainSum;
            double plain = plainSum + _oddPlain;
            double weighted = _evenWeighted;
            numerator = weighted + _oddWeighted + newest;
            _evenWeighted = weighted + (newest - plain); // every value's weight drops by one, the oldest's to zero
        }
        else
        {
            double plainSum = _oddPlain + delta;
            _oddPlain = plainSum;
            double plain = plainSum + _evenPlain;
            double weighted = _oddWeighted;
            numerator = weighted + _evenWeighted + newest;
            _oddWeighted = weighted + (newest - plain);
        }

        if (++pos == window.Length)
        {
            pos = 0;
            Wrap();
        }

        _pos = pos;
        double wma = numerator / _divider; // after the wrap: the bar that fills the window gives the first output
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

    // Once per period bars, inlined: a call on the update path would make callers spill their registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Wrap()
    {
        _evenWeighted += _oddWeighted;
        _oddWeighted = 0;
        _ready = true;
        _divider = _fullDivider;
    }
}
