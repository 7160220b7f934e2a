namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA_CDLDOJI: 100 when the real body is at most 10% of the average high-low range of the previous 10 candles
/// (<see cref="CandleSetting.BodyDoji"/>), else 0. Lookback 10.
/// </summary>
public sealed class Doji : IBarIndicator
{
    private readonly CandleAverage _bodyDoji;
    private long _count;

    public Doji()
    {
        _bodyDoji = new CandleAverage(CandleSetting.BodyDoji, 0);
    }

    public int Lookback => CandleSetting.BodyDoji.AveragePeriod;

    public int OutputCount => 1;

    public bool IsReady => _count > Lookback;

    public double Value { get; private set; } = double.NaN;

    public double Update(double open, double high, double low, double close)
    {
        long i = _count++;
        if (i >= Lookback)
        {
            Value = CandleShape.RealBody(open, close) <= _bodyDoji.Average(high - low) ? 100 : 0;
        }

        _bodyDoji.Add(i, open, high, low, close);
        return Value;
    }

    public void Update(in Bar bar) => Update(bar.Open, bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        PatternInputs.Check(open, high, low, close, output);
        var p = new Doji();
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = p.Update(open[i], high[i], low[i], close[i]);
        }
    }
}
