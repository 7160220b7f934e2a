using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Exponential moving average as TA-Lib computes it: k = 2/(period+1), seeded with the SMA of the first
/// <c>period</c> values (first output at index period-1), then ema = prev + (x - prev)·k = prev·a + x·k with
/// a = 1-k. Each bar is computed from the value two bars back, ema(n) = ema(n-2)·a² + (x(n-1)·a·k + x(n)·k): one
/// fused multiply-add on the chain, and the two interleaved chains (even and odd bars, <see cref="AlternatingPair"/>)
/// each wait on a stored value only every other bar. Matches TA-Lib to within ulps (errors shrink by a² every
/// two bars, so they never accumulate).
/// </summary>
public sealed class Ema : IBarIndicator
{
    private readonly int _period;
    private readonly double _k;
    private readonly double _a; // 1 - k
    private readonly double _aSquared;
    private readonly double _aTimesK;
    private int _seen; // counted only until the seed
    private double _sum;
    private int _parity; // which slot of _twoBarsBack this bar reads and replaces
    private AlternatingPair _twoBarsBack; // ema of the last two bars, by parity
    private double _previousInput;
    private double _value = double.NaN;

    public Ema(int period)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _k = 2.0 / (period + 1);
        _a = 1.0 - _k;
        _aSquared = _a * _a;
        _aTimesK = _a * _k;
    }

    public int Lookback => _period - 1;

    public int OutputCount => 1;

    public bool IsReady => _seen >= _period;

    public double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double value)
    {
        if (_seen < _period)
        {
            // Warm-up written inline: a call on the update path would make callers spill their registers.
            _sum += value;
            if (++_seen == _period)
            {
                Seed(value);
            }

            return _value;
        }

        double fresh = Math.FusedMultiplyAdd(_previousInput, _aTimesK, value * _k); // off the chain
        _previousInput = value;
        int parity = _parity;
        _parity = parity ^ 1;
        ref double slot = ref _twoBarsBack.At(parity);
        double ema = Math.FusedMultiplyAdd(slot, _aSquared, fresh);
        slot = ema;
        _value = ema;
        return ema;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => _value;

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        TaLibMath.RequireSameLength(input.Length, output.Length, nameof(output));
        var ema = new Ema(period);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = ema.Update(input[i]);
        }
    }

    // The first output is the SMA. The next bar reads slot 0 as "two bars back": it holds the value from which the
    // two-bar step gives exactly TA-Lib's one-bar step, (first - k·x)/a; slot 1 holds the first output itself.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Seed(double value)
    {
        double first = _sum / _period;
        _value = first;
        _twoBarsBack.At(0) = (first - (_k * value)) / _a;
        _twoBarsBack.At(1) = first;
        _previousInput = value;
        _parity = 0;
    }
}
