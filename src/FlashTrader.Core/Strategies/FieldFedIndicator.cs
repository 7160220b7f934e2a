using FlashTrader.Core.Indicators;

namespace FlashTrader.Core.Strategies;

/// <summary>
/// Feeds an indicator one candle field (e.g. volume) as if it were the whole bar: open = high = low = close = that
/// value, so an SMA or EMA of volume is just sma/ema with input "volume".
/// </summary>
public sealed class FieldFedIndicator(IBarIndicator inner, CandleField field) : IBarIndicator
{
    public int Lookback => inner.Lookback;

    public int OutputCount => inner.OutputCount;

    public bool IsReady => inner.IsReady;

    public void Update(in Bar bar)
    {
        double v = field switch
        {
            CandleField.Open => bar.Open,
            CandleField.High => bar.High,
            CandleField.Low => bar.Low,
            CandleField.Volume => bar.Volume,
            _ => bar.Close,
        };
        inner.Update(new Bar(bar.OpenTimeNs, v, v, v, v, bar.Volume));
    }

    public double GetOutput(int index) => inner.GetOutput(index);
}
