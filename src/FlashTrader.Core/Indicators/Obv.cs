using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// On-Balance Volume as TA_OBV: starts at the first bar's volume, then adds the volume on an up close,
/// subtracts it on a down close, keeps it on an unchanged close. The direction is taken as a sign (+1, -1, 0)
/// without a branch, since closes go up and down at random; adding volume·sign is exact (±volume or +0).
/// Lookback 0.
/// </summary>
public sealed class Obv : IBarIndicator
{
    private bool _started;
    private double _prevClose;
    private double _value = double.NaN;

    public int Lookback => 0;

    public int OutputCount => 1;

    public bool IsReady => _started;

    public double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double close, double volume)
    {
        if (!_started)
        {
            return Start(close, volume);
        }

        bool up = close > _prevClose;
        bool down = close < _prevClose;
        int sign = Unsafe.As<bool, byte>(ref up) - Unsafe.As<bool, byte>(ref down);
        _prevClose = close;
        double obv = _value + (volume * sign);
        _value = obv;
        return obv;
    }

    public void Update(in Bar bar) => Update(bar.Close, bar.Volume);

    public double GetOutput(int index) => _value;

    public static void Compute(ReadOnlySpan<double> close, ReadOnlySpan<double> volume, Span<double> output)
    {
        TaLibMath.RequireSameLength(close.Length, volume.Length, nameof(volume));
        TaLibMath.RequireSameLength(close.Length, output.Length, nameof(output));
        var obv = new Obv();
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = obv.Update(close[i], volume[i]);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private double Start(double close, double volume)
    {
        _started = true;
        _prevClose = close;
        _value = volume;
        return volume;
    }
}
