using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Simple moving average over a ring of the last <c>period</c> values, with the window's sum kept as two half
/// sums, of the ring's even and of its odd slots: the value entering a slot and the one leaving it belong to the
/// same half, so each half stays the sum of its slots, and consecutive bars extend different halves. A running
/// sum held in a field waits ~9 cycles per step for its store to forward to the next load (the ring position, an
/// integer, does not: this core renames it); split in two, that wait is paid every other bar. The output is the
/// same mean as TA_SMA's to within a few ulps (TA-Lib runs one sum: <see cref="SequentialSma"/> keeps its exact
/// order). The output is the two halves' sum over the period, so <see cref="Value"/> is computed from the state
/// rather than stored on every bar. Lookback period-1; NaN before.
/// </summary>
public sealed class Sma : IBarIndicator
{
    private readonly int _period;
    private readonly double[] _window;
    private double _divisor = double.NaN; // the period once the window has filled; NaN makes warm-up outputs NaN
    private nint _pos; // counts down: the wrap is a sign test, with no length to load per bar
    private bool _ready;
    private double _evenHalf; // sum of the ring's even slots; the window starts zeroed, so do both halves
    private double _oddHalf;

    public Sma(int period)
    {
        // 1 is allowed for internal smoothing (STOCH's slow %K of 1); TA_SMA itself starts at 2.
        TaLibMath.RequirePeriod(period, 1, nameof(period));
        _period = period;
        _window = new double[period];
        _pos = period - 1;
    }

    public int Period => _period;

    public int Lookback => _period - 1;

    public int OutputCount => 1;

    public bool IsReady => _ready;

    /// <summary>The last output: the same operands in the same order as <see cref="Update(double)"/> returned.</summary>
    public double Value => (_evenHalf + _oddHalf) / _divisor;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double value)
    {
        nint pos = _pos; // always inside the ring, so the unchecked access stays inside it
        ref double slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_window), pos);
        double delta = value - slot;
        slot = value;
        double total;

        // The half is picked by a branch (parity alternates, so it is predicted) rather than by an address
        // computed from the position: each half is then a fixed field, a few instructions fewer per bar.
        if ((pos & 1) == 0)
        {
            double sum = _evenHalf + delta;
            _evenHalf = sum;
            total = sum + _oddHalf;
        }
        else
        {
            double sum = _oddHalf + delta;
            _oddHalf = sum;
            total = _evenHalf + sum;
        }

        if (--pos < 0)
        {
            pos = _window.Length - 1;
            if (!_ready)
            {
                Fill(); // the window has just filled: once per indicator, and no call on the update path
            }
        }

        _pos = pos;
        return total / _divisor;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        TaLibMath.RequireSameLength(input.Length, output.Length, nameof(output));
        var sma = new Sma(period);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = sma.Update(input[i]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Fill()
    {
        _ready = true;
        _divisor = _period;
    }
}
