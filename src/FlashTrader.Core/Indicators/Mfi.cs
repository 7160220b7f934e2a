using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Money Flow Index as TA_MFI: raw money flow = typical price × volume, counted positive when the typical price
/// rose, negative when it fell, neither when unchanged; MFI = 100·pos/(pos+neg) over <c>period</c> flows,
/// 0 when pos+neg &lt; 1 (TA-Lib's guard). Lookback period. The flow goes to its side without a branch (the
/// other side gets +0, which leaves its sum exactly as TA-Lib's).
/// </summary>
public sealed class Mfi : IBarIndicator
{
    private readonly int _period;
    private readonly double[] _positive;
    private readonly double[] _negative;
    private int _pos;
    private int _seen; // counted only until the first output
    private double _prevTypical;
    private double _positiveSum;
    private double _negativeSum;
    private double _value = double.NaN;

    public Mfi(int period = 14)
    {
        TaLibMath.RequirePeriod(period, 2, nameof(period));
        _period = period;
        _positive = new double[period];
        _negative = new double[period];
    }

    public int Lookback => _period;

    public int OutputCount => 1;

    public bool IsReady => _seen > _period;

    public double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double high, double low, double close, double volume)
    {
        if (_seen <= _period)
        {
            return Seed(high, low, close, volume);
        }

        double typical = (high + low + close) / 3.0;
        double change = typical - _prevTypical;
        _prevTypical = typical;
        double flow = typical * volume;
        bool rose = change > 0;
        bool fell = change < 0;
        double positiveFlow = flow * Unsafe.As<bool, byte>(ref rose);
        double negativeFlow = flow * Unsafe.As<bool, byte>(ref fell);
        int pos = _pos; // always < period: the unchecked accesses stay inside both rings
        ref double positive = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_positive), pos);
        ref double negative = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_negative), pos);
        double positiveSum = _positiveSum - positive + positiveFlow; // the flow leaving the window, then the new one
        double negativeSum = _negativeSum - negative + negativeFlow;
        positive = positiveFlow;
        negative = negativeFlow;
        if (++pos == _period)
        {
            pos = 0;
        }

        _pos = pos;
        _positiveSum = positiveSum;
        _negativeSum = negativeSum;
        double total = positiveSum + negativeSum;
        double mfi = total < 1.0 ? 0.0 : 100.0 * (positiveSum / total);
        _value = mfi;
        return mfi;
    }

    public void Update(in Bar bar) => Update(bar.High, bar.Low, bar.Close, bar.Volume);

    public double GetOutput(int index) => _value;

    public static void Compute(
        ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, ReadOnlySpan<double> volume,
        Span<double> output, int period = 14)
    {
        TaLibMath.RequireHighLowOf(close, high, low);
        TaLibMath.RequireSameLength(close.Length, volume.Length, nameof(volume));
        TaLibMath.RequireSameLength(close.Length, output.Length, nameof(output));
        var mfi = new Mfi(period);
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = mfi.Update(high[i], low[i], close[i], volume[i]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Seed(double high, double low, double close, double volume)
    {
        double typical = (high + low + close) / 3.0;
        int n = ++_seen;
        if (n == 1)
        {
            _prevTypical = typical;
            return _value;
        }

        double change = typical - _prevTypical;
        _prevTypical = typical;
        double flow = typical * volume;
        _positive[_pos] = change > 0 ? flow : 0.0;
        _negative[_pos] = change < 0 ? flow : 0.0;
        _positiveSum += _positive[_pos];
        _negativeSum += _negative[_pos];
        if (++_pos == _period)
        {
            _pos = 0;
        }

        if (n <= _period)
        {
            return _value;
        }

        double total = _positiveSum + _negativeSum;
        _value = total < 1.0 ? 0.0 : 100.0 * (_positiveSum / total);
        return _value;
    }
}
