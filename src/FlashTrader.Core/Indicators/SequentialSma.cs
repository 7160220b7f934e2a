using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// Simple moving average in TA_SMA's exact order of operations (add the newest, divide, subtract the oldest), so
/// the rounding matches TA-Lib bit for bit; Stochastic smooths with it and so stays bit-identical to TA_STOCH.
/// <see cref="Sma"/> splits its sum to run faster and matches TA-Lib to within ulps instead. Output NaN until
/// the window fills. The running total starts at 0 over a zeroed window, which sums the first values in TA-Lib's
/// seed order (x - 0 is exact), so no separate seeding call sits on the update path.
/// </summary>
internal sealed class SequentialSma
{
    private readonly int _period;
    private readonly double[] _window;
    private double _divisor = double.NaN; // the period once the window has filled; NaN makes warm-up outputs NaN
    private int _pos;
    private bool _ready;
    private double _total; // sum of the last period-1 values

    public SequentialSma(int period)
    {
        TaLibMath.RequirePeriod(period, 1, nameof(period));
        _period = period;
        _window = new double[period];
    }

    public int Period => _period;

    public bool IsReady => _ready;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Update(double value)
    {
        double[] window = _window;
        ref double first = ref MemoryMarshal.GetArrayDataReference(window);
        int pos = _pos;
        Unsafe.Add(ref first, pos) = value;
        if (++pos == window.Length)
        {
            pos = 0;
            if (!_ready)
            {
                _ready = true;
                _divisor = _period;
            }
        }

        _pos = pos;
        double total = _total + value;
        double sma = total / _divisor;
        _total = total - Unsafe.Add(ref first, pos); // pos < window.Length: the oldest leaves
        return sma;
    }
}
