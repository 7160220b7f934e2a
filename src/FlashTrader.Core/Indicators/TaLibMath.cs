using System.Runtime.CompilerServices;

namespace FlashTrader.Core.Indicators;

/// <summary>TA-Lib's numeric conventions, reproduced so results match it bit for bit.</summary>
internal static class TaLibMath
{
    /// <summary>TA_EPSILON of the TA-Lib build the golden values come from (found in talib.wasm as 1e-14).</summary>
    public const double Epsilon = 0.00000000000001;

    public static bool IsZero(double v) => -Epsilon < v && v < Epsilon;

    public static bool IsZeroOrNegative(double v) => v < Epsilon;

    /// <summary>
    /// TA-Lib's TRUE_RANGE: the largest of high-low, |high-prevClose|, |low-prevClose|. Math.Max (maxsd, no
    /// branch to mispredict) gives the same value as TA-Lib's compare chain: none of the three is NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double TrueRange(double high, double low, double prevClose) =>
        Math.Max(Math.Max(high - low, Math.Abs(high - prevClose)), Math.Abs(low - prevClose));

    public static void RequirePeriod(int period, int min, string paramName)
    {
        if (period < min || period > 100_000)
        {
            throw new ArgumentOutOfRangeException(paramName, period, $"must be {min}..100000 (TA-Lib's range)");
        }
    }

    /// <summary>The high and low series of a bar-based batch must have one value per close.</summary>
    public static void RequireHighLowOf(ReadOnlySpan<double> close, ReadOnlySpan<double> high, ReadOnlySpan<double> low)
    {
        RequireSameLength(close.Length, high.Length, nameof(high));
        RequireSameLength(close.Length, low.Length, nameof(low));
    }

    public static void RequireSameLength(int expected, int actual, string paramName)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"has length {actual}, expected {expected} (one value per input bar)", paramName);
        }
    }
}
