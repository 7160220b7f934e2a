using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// The highest high and lowest low of the last <c>period</c> bars, found by scanning the window with SIMD
/// max/min on every bar. O(period), but for the short windows oscillators use (14 bars: four 4-wide loads per
/// side) it is a fixed, branch-free run of instructions, where a monotonic deque pops an unpredictable number of
/// candidates per bar (a mispredicted branch costs more than the scan). The scan reads only the period-1 older
/// bars and takes the newest bar as a scalar: a wide load over a slot stored moments before cannot be forwarded
/// from the store and would wait for it to reach the cache. The older bars are contiguous because each bar is
/// written twice, at its ring slot and period slots later. Unwritten slots hold -∞ (highs) and +∞ (lows), so a
/// partly filled window scans correctly too. A struct held in its indicator's fields.
/// </summary>
internal struct HighLowWindow
{
    private readonly double[] _highs; // the ring twice over: slot i and slot i + period hold the same bar
    private readonly double[] _lows;
    private readonly int _period;
    private int _pos; // the slot the next bar takes; the older bars sit at pos+1 .. pos+period-1

    public HighLowWindow(int period)
    {
        _period = period;
        _highs = new double[2 * period];
        _lows = new double[2 * period];
        _highs.AsSpan().Fill(double.NegativeInfinity);
        _lows.AsSpan().Fill(double.PositiveInfinity);
        _pos = 0;
    }

    /// <summary>Adds a bar (dropping the oldest once the window is full) and returns the window's extremes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (double Highest, double Lowest) Push(double high, double low)
    {
        int pos = _pos; // always < period, so pos + period < 2·period: the unchecked accesses stay inside
        ref double highs = ref MemoryMarshal.GetArrayDataReference(_highs);
        ref double lows = ref MemoryMarshal.GetArrayDataReference(_lows);
        int older = _period - 1;
        double highest = Max(ref Unsafe.Add(ref highs, pos + 1), older, high);
        double lowest = Min(ref Unsafe.Add(ref lows, pos + 1), older, low);
        Unsafe.Add(ref highs, pos) = high;
        Unsafe.Add(ref highs, pos + _period) = high;
        Unsafe.Add(ref lows, pos) = low;
        Unsafe.Add(ref lows, pos + _period) = low;
        _pos = ++pos == _period ? 0 : pos;
        return (highest, lowest);
    }

    // Max is exact and order-free, so overlapping loads (the last one ends at the run's end) are harmless.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Max(ref double first, int count, double newest)
    {
        if (!Vector256.IsHardwareAccelerated || count < Vector256<double>.Count)
        {
            double m = newest;
            for (int i = 0; i < count; i++)
            {
                double x = Unsafe.Add(ref first, i);
                m = x > m ? x : m;
            }

            return m;
        }

        int last = count - Vector256<double>.Count;
        var v = Vector256.MaxNative(Vector256.Create(newest), Vector256.LoadUnsafe(ref first, (nuint)last));
        for (int i = 0; i < last; i += Vector256<double>.Count)
        {
            v = Vector256.MaxNative(v, Vector256.LoadUnsafe(ref first, (nuint)i));
        }

        var half = Vector128.MaxNative(v.GetLower(), v.GetUpper());
        return Vector128.MaxNative(half, Vector128.Shuffle(half, Vector128.Create(1L, 0L))).ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Min(ref double first, int count, double newest)
    {
        if (!Vector256.IsHardwareAccelerated || count < Vector256<double>.Count)
        {
            double m = newest;
            for (int i = 0; i < count; i++)
            {
                double x = Unsafe.Add(ref first, i);
                m = x < m ? x : m;
            }

            return m;
        }

        int last = count - Vector256<double>.Count;
        var v = Vector256.MinNative(Vector256.Create(newest), Vector256.LoadUnsafe(ref first, (nuint)last));
        for (int i = 0; i < last; i += Vector256<double>.Count)
        {
            v = Vector256.MinNative(v, Vector256.LoadUnsafe(ref first, (nuint)i));
        }

        var half = Vector128.MinNative(v.GetLower(), v.GetUpper());
        return Vector128.MinNative(half, Vector128.Shuffle(half, Vector128.Create(1L, 0L))).ToScalar();
    }
}
