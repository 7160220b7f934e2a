using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Exponential moving average as TA-Lib computes it: k = 2/(period+1), seeded with the SMA of the first
/// <c>period</c> values (first output at index period-1), then prev + (x - prev)·k. The step is evaluated as
/// one fused multiply-add, prev·(1-k) + x·k: the same value to within an ulp (the error shrinks by 1-k each bar,
/// so it never accumulates), with one operation instead of three on the bar-to-bar dependency chain.
/// </summary>
public sealed class Ema : IBarIndicator
{
    private readonly int _period;
    private readonly double _k;
    private readonly double _oneMinusK;
    private int _seen; // counted only until the seed
    private double _sum;
    private double _value = double.NaN;

    public Ema(int period)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _k = 2.0 / (period + 1);
        _oneMinusK = 1.0 - _k;
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
            return Seed(value);
        }

        double ema = Math.FusedMultiplyAdd(_value, _oneMinusK, value * _k);
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Seed(double value)
    {
        _sum += value;
        if (++_seen == _period)
        {
            _value = _sum / _period;
        }

        return _value;
    }
}
