namespace FlashTrader.Core.Indicators;

/// <summary>
/// On-Balance Volume as TA_OBV: starts at the first bar's volume, then adds the volume on an up close,
/// subtracts it on a down close, keeps it on an unchanged close. Lookback 0.
/// </summary>
public sealed class Obv : IBarIndicator
{
    private bool _started;
    private double _prevClose;

    public int Lookback => 0;

    public int OutputCount => 1;

    public bool IsReady => _started;

    public double Value { get; private set; } = double.NaN;

    public double Update(double close, double volume)
    {
        if (!_started)
        {
            _started = true;
            Value = volume;
        }
        else if (close > _prevClose)
        {
            Value += volume;
        }
        else if (close < _prevClose)
        {
            Value -= volume;
        }

        _prevClose = close;
        return Value;
    }

    public void Update(in Bar bar) => Update(bar.Close, bar.Volume);

    public double GetOutput(int index) => Value;

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
}
