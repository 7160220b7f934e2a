using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Relative Strength Index with Wilder smoothing, as TA_RSI: average gain and loss seeded with the plain
/// mean of the first <c>period</c> changes, then avg = (avg·(period-1) + change)/period. That step is evaluated
/// as one fused multiply-add, avg·((period-1)/period) + change/period, and the gain/loss split without a branch
/// (a price change is up or down at random, so a branch mispredicts half the time): the same values to within
/// ulps (the error shrinks by (period-1)/period each bar), with a short dependency chain. Lookback period.
/// </summary>
public sealed class Rsi : IBarIndicator
{
    private readonly int _period;
    private readonly double _keep; // (period-1)/period
    private readonly double _take; // 1/period
    private int _seen; // counted only until the first output
    private double _prev;
    private double _gain;
    private double _loss;
    private double _value = double.NaN;

    public Rsi(int period)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _keep = (period - 1) / (double)period;
        _take = 1.0 / period;
    }

    public int Lookback => _period;

    public int OutputCount => 1;

    public bool IsReady => _seen > _period;

    public double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double value)
    {
        if (_seen <= _period)
        {
            return Seed(value);
        }

        double change = value - _prev;
        _prev = value;
        double magnitude = Math.Abs(change);
        double up = (magnitude + change) * 0.5; // change when it is positive, else 0 (both exact)
        double down = (magnitude - change) * 0.5;
        double gain = Math.FusedMultiplyAdd(_gain, _keep, up * _take);
        double loss = Math.FusedMultiplyAdd(_loss, _keep, down * _take);
        _gain = gain;
        _loss = loss;
        double total = gain + loss;
        double rsi = TaLibMath.IsZero(total) ? 0.0 : 100.0 * (gain / total);
        _value = rsi;
        return rsi;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => _value;

    public static void Compute(ReadOnlySpan<double> input, Span<double> output, int period)
    {
        TaLibMath.RequireSameLength(input.Length, output.Length, nameof(output));
        var rsi = new Rsi(period);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = rsi.Update(input[i]);
        }
    }

    // The first period changes are summed, then averaged once: TA-Lib's seed, in its order of operations.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Seed(double value)
    {
        int n = ++_seen;
        if (n == 1)
        {
            _prev = value;
            return _value;
        }

        double change = value - _prev;
        _prev = value;
        if (change < 0)
        {
            _loss -= change;
        }
        else
        {
            _gain += change;
        }

        if (n <= _period)
        {
            return _value;
        }

        _loss /= _period;
        _gain /= _period;
        double total = _gain + _loss;
        _value = TaLibMath.IsZero(total) ? 0.0 : 100.0 * (_gain / total);
        return _value;
    }
}
