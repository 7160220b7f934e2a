using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Linearly weighted moving average (newest weight period, oldest weight 1), kept in O(1) with TA-Lib's two
/// running sums: the window's plain sum S and its weighted sum N, which moves by N += period·in − S_before (every
/// weight drops by one and the oldest leaves at weight 1) and gives the output N / divider, taken as N times the
/// divider's reciprocal (a multiply instead of a divide per bar). Both sums are split in
/// two halves by the ring slot's parity, so consecutive bars extend different halves and the ~9-cycle
/// store-to-load wait on each running sum is paid every other bar. The weighted halves hold N itself (the
/// output is their sum, one addition), so <see cref="Value"/> is computed from the state rather than stored on
/// every bar. Everything starts at 0 over a zeroed window, which builds TA-Lib's warm-up sums (weights 1, 2, ...)
/// with no separate seeding; the weighted halves are folded into one each time the ring wraps, which bounds how
/// far apart they can drift. TA-Lib's recurrence carries each rounding of S into N for good, so on a long series
/// the error grows faster than the series (4e-9 relative after a million bars of a price walk); every
/// <see cref="ResyncBars"/> bars or so, at a wrap, both sums are recomputed from the window instead, which keeps
/// the error at the scale of a few thousand bars' rounding. Matches TA-Lib to within ulps of its sums (the
/// reciprocal moves the last bits, not the 1e-9 agreement).
/// Lookback period-1; NaN before.
/// </summary>
public sealed class Wma : IBarIndicator
{
    private readonly int _period;
    private readonly double _weight; // the newest value's weight, as a double
    private readonly double _fullScale; // 1 / (period·(period+1)/2): a multiply per bar instead of a divide
    private readonly int _resyncWraps; // wraps between recomputations of the sums from the window
    private readonly double[] _window;
    private double _scale = double.NaN; // _fullScale once the window has filled; NaN makes warm-up outputs NaN
    private nint _pos; // counts down: the wrap is a sign test, with no length to load per bar
    private bool _ready;
    private int _wrapsToResync = 1; // the first wrap recomputes too: the first output is the window's direct sum
    private double _evenPlain; // sums of the ring's even and odd slots
    private double _oddPlain;
    private double _evenWeighted; // the weighted sum N, in two halves
    private double _oddWeighted;

    public Wma(int period)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _weight = period;
        _fullScale = 1.0 / ((period * (period + 1)) >> 1);
        _resyncWraps = Math.Max(1, ResyncBars / period);
        _window = new double[period];
        _pos = period - 1;
    }

    /// <summary>About how many bars pass between recomputations of the running sums from the window.</summary>
    public const int ResyncBars = 4096;

    public int Lookback => _period - 1;

    public int OutputCount => 1;

    public bool IsReady => _ready;

    /// <summary>The last output: the same operands in the same order as <see cref="Update(double)"/> returned.</summary>
    public double Value => (_evenWeighted + _oddWeighted) * _scale;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double value)
    {
        nint pos = _pos; // always inside the ring, so the unchecked access stays inside it
        ref double slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_window), pos);
        double delta = value - slot; // the oldest value (weight 1 last bar) leaves
        slot = value;
        double newest = value * _weight;
        double numerator;

        // The halves are picked by a branch (parity alternates, so it is predicted) rather than by addresses
        // computed from the position: each half is then a fixed field. Both plain halves are read before this
        // bar's delta enters: the weights drop by the window's sum as it was.
        if ((pos & 1) == 0)
        {
            double plain = _evenPlain;
            double weighted = (newest - (plain + _oddPlain)) + _evenWeighted; // the field last: a memory operand
            _evenWeighted = weighted;
            _evenPlain = plain + delta;
            numerator = weighted + _oddWeighted;
        }
        else
        {
            double plain = _oddPlain;
            double weighted = (newest - (plain + _evenPlain)) + _oddWeighted;
            _oddWeighted = weighted;
            _oddPlain = plain + delta;
            numerator = weighted + _evenWeighted; // (a + b == b + a: the same value as Value's sum)
        }

        if (--pos < 0)
        {
            pos = _window.Length - 1;
            Wrap(_window);
            numerator = _evenWeighted; // the odd half is now 0: the same value as Value's sum
        }

        _pos = pos;
        return numerator * _scale; // after the wrap: the bar that fills the window gives the first output
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => Value;

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
    private void Wrap(double[] window)
    {
        _ready = true;
        _scale = _fullScale;
        if (--_wrapsToResync != 0)
        {
            _evenWeighted += _oddWeighted;
            _oddWeighted = 0;
            return;
        }

        // The ring runs downwards and has just wrapped: slot 0 holds the newest value (weight period), the last
        // slot the oldest (weight 1). Plain halves by slot parity, as the updates keep them.
        _wrapsToResync = _resyncWraps;
        double even = 0;
        double odd = 0;
        double weighted = 0;
        double weight = _weight;
        int k = 0;
        for (; k + 1 < window.Length; k += 2)
        {
            double a = window[k];
            double b = window[k + 1];
            even += a;
            odd += b;
            weighted += (a * weight) + (b * (weight - 1));
            weight -= 2;
        }

        if (k < window.Length)
        {
            even += window[k];
            weighted += window[k] * weight;
        }

        _evenPlain = even;
        _oddPlain = odd;
        _evenWeighted = weighted;
        _oddWeighted = 0;
    }
}
