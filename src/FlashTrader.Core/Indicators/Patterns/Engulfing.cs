using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators.Patterns;

/// <summary>
/// TA_CDLENGULFING: a white body engulfing the previous black body (+) or a black body engulfing the previous
/// white one (-); one end may be equal to the previous body's end. ±100 when both ends differ, ±80 when one
/// is equal; else 0. Lookback 2 (TA-Lib's, although the pattern only needs the previous candle).
/// </summary>
public sealed class Engulfing : IBarIndicator
{
    private const int PatternLookback = 2;
    private int _seen; // counted only until the first output
    private double _prevOpen;
    private double _prevClose;
    private double _value = double.NaN;

    public int Lookback => PatternLookback;

    public int OutputCount => 1;

    public bool IsReady => _seen > PatternLookback;

    public double Value => _value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double open, double high, double low, double close)
    {
        double prevOpen = _prevOpen;
        double prevClose = _prevClose;
        _prevOpen = open;
        _prevClose = close;
        if (_seen < PatternLookback)
        {
            _seen++;
            return _value;
        }

        _seen = PatternLookback + 1;
        double value = 0;
        bool white = close >= open;
        if (white != (prevClose >= prevOpen)) // opposite colours: the only case that can engulf
        {
            bool engulfs = white
                ? (close >= prevOpen && open < prevClose) || (close > prevOpen && open <= prevClose)
                : (open >= prevClose && close < prevOpen) || (open > prevClose && close <= prevOpen);
            if (engulfs)
            {
                double strength = open != prevClose && close != prevOpen ? 100 : 80;
                value = white ? strength : -strength;
            }
        }

        _value = value;
        return value;
    }

    public void Update(in Bar bar) => Update(bar.Open, bar.High, bar.Low, bar.Close);

    public double GetOutput(int index) => _value;

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
