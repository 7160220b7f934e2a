namespace FlashTrader.Core.Indicators;

/// <summary>
/// MACD as TA_MACD computes it, including its seeding quirk: both EMAs start at bar slow-1, so the fast EMA
/// is seeded with the SMA of bars slow-fast .. slow-1 (not of the first <c>fast</c> bars); the signal EMA is
/// seeded with the SMA of the first <c>signal</c> MACD values. Lookback (slow-1)+(signal-1).
/// </summary>
public sealed class Macd : IBarIndicator
{
    private readonly int _fast;
    private readonly int _slow;
    private readonly int _signal;
    private readonly double _kFast;
    private readonly double _kSlow;
    private readonly double _kSignal;
    private long _count;
    private double _fastSum;
    private double _slowSum;
    private double _signalSum;
    private double _fastEma;
    private double _slowEma;
    private double _signalEma;

    public Macd(int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
    {
        TaLibMath.RequirePeriod(fastPeriod, 2, nameof(fastPeriod));
        TaLibMath.RequirePeriod(slowPeriod, 2, nameof(slowPeriod));
        TaLibMath.RequirePeriod(signalPeriod, 1, nameof(signalPeriod));
        if (slowPeriod < fastPeriod)
        {
            (fastPeriod, slowPeriod) = (slowPeriod, fastPeriod); // TA-Lib swaps them too
        }

        _fast = fastPeriod;
        _slow = slowPeriod;
        _signal = signalPeriod;
        _kFast = 2.0 / (fastPeriod + 1);
        _kSlow = 2.0 / (slowPeriod + 1);
        _kSignal = 2.0 / (signalPeriod + 1);
    }

    public int Lookback => _slow - 1 + _signal - 1;

    public int OutputCount => 3;

    public bool IsReady => _count > Lookback;

    public double MacdValue { get; private set; } = double.NaN;

    public double Signal { get; private set; } = double.NaN;

    public double Histogram { get; private set; } = double.NaN;

    public bool Update(double value)
    {
        long i = _count++; // index of this bar
        int seedEnd = _slow - 1;
        if (i < seedEnd)
        {
            _slowSum += value;
            if (i >= _slow - _fast)
            {
                _fastSum += value;
            }

            return false;
        }

        if (i == seedEnd)
        {
            _slowSum += value;
            _fastSum += value;
            _slowEma = _slowSum / _slow;
            _fastEma = _fastSum / _fast;
        }
        else
        {
            _slowEma = ((value - _slowEma) * _kSlow) + _slowEma;
            _fastEma = ((value - _fastEma) * _kFast) + _fastEma;
        }

        double macd = _fastEma - _slowEma;
        long j = i - seedEnd; // index within the MACD line
        if (j < _signal - 1)
        {
            _signalSum += macd;
            return false;
        }

        if (j == _signal - 1)
        {
            _signalSum += macd;
            _signalEma = _signalSum / _signal;
        }
        else
        {
            _signalEma = ((macd - _signalEma) * _kSignal) + _signalEma;
        }

        MacdValue = macd;
        Signal = _signalEma;
        Histogram = macd - _signalEma;
        return true;
    }

    public void Update(in Bar bar) => Update(bar.Close);

    public double GetOutput(int index) => index switch
    {
        0 => MacdValue,
        1 => Signal,
        2 => Histogram,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "MACD has outputs 0 (macd), 1 (signal), 2 (hist)"),
    };

    public static void Compute(
        ReadOnlySpan<double> input, Span<double> macd, Span<double> signal, Span<double> histogram,
        int fastPeriod = 12, int slowPeriod = 26, int signalPeriod = 9)
    {
        TaLibMath.RequireSameLength(input.Length, macd.Length, nameof(macd));
        TaLibMath.RequireSameLength(input.Length, signal.Length, nameof(signal));
        TaLibMath.RequireSameLength(input.Length, histogram.Length, nameof(histogram));
        var m = new Macd(fastPeriod, slowPeriod, signalPeriod);
        for (int i = 0; i < input.Length; i++)
        {
            m.Update(input[i]);
            macd[i] = m.MacdValue;
            signal[i] = m.Signal;
            histogram[i] = m.Histogram;
        }
    }
}
