namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA_CDLENGULFING: a white body engulfing the previous black body (+) or a black body engulfing the previous
/// white one (-); one end may be equal to the previous body's end. ±100 when both ends differ, ±80 when one
/// is equal; else 0. Lookback 2 (TA-Lib's, although the pattern only needs the previous candle).
/// </summary>
public sealed class Engulfing : IBarIndicator
{
    private const int PatternLookback = 2;
    private long _count;
    private double _prevOpen;
    private double _prevClose;

    public int Lookback => PatternLookback;

    public int OutputCount => 1;

    public bool IsReady => _count > Lookback;

    public double Value { get; private set; } = double.NaN;

    public double Update(double open, double high, double low, double close)
    {
        long i = _count++;
        if (i >= PatternLookback)
        {
            int color = CandleShape.Color(open, close);
            int prevColor = CandleShape.Color(_prevOpen, _prevClose);
            bool bullish = color == 1 && prevColor == -1 &&
                ((close >= _prevOpen && open < _prevClose) || (close > _prevOpen && open <= _prevClose));
            bool bearish = color == -1 && prevColor == 1 &&
                ((open >= _prevClose && close < _prevOpen) || (open > _prevClose && close <= _prevOpen));
            if (bullish || bearish)
            {
                Value = open != _prevClose && close != _prevOpen ? color * 100 : color * 80;
            }
            else
            {
                Value = 0;
            }
        }

        (_prevOpen, _prevClose) = (open, close);
        return Value;
    }

    public void Update(in Bar bar) => Update(bar.Open, bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => Value;

    public static void Compute(ReadOnlySpan<double> open, ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output)
    {
        PatternInputs.Check(open, high, low, close, output);
        var p = new Engulfing();
        for (int i = 0; i < close.Length; i++)
        {
            output[i] = p.Update(open[i], high[i], low[i], close[i]);
        }
    }
}
