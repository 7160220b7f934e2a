namespace FlashTrader.Core.Backtesting;

/// <summary>
/// Flags a parameter set whose neighbours perform much worse: an optimum on a narrow spike rather than a plateau,
/// which rarely survives out of sample. Fragile when the neighbours' mean objective falls short of the candidate's by
/// more than <c>tolerance</c> times the candidate's magnitude (default: by more than half).
/// </summary>
public static class FragileOptimum
{
    public const double DefaultTolerance = 0.5;

    public static bool IsFragile(double objective, ReadOnlySpan<double> neighbourObjectives, double tolerance = DefaultTolerance)
    {
        if (neighbourObjectives.IsEmpty || double.IsNaN(objective))
        {
            return false;
        }

        double sum = 0;
        foreach (double v in neighbourObjectives)
        {
            sum += v;
        }

        double mean = sum / neighbourObjectives.Length;
        return mean < objective - (tolerance * Math.Abs(objective));
    }

    /// <summary>
    /// Grid neighbours: positions that differ from the candidate by one step on exactly one axis.
    /// </summary>
    public static bool AreGridNeighbours(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException("grid positions of different dimension", nameof(b));
        }

        int differing = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = Math.Abs(a[i] - b[i]);
            if (d > 1 || (d == 1 && ++differing > 1))
            {
                return false;
            }
        }

        return differing == 1;
    }

    /// <summary>Squared Euclidean distance of two parameter sets scaled to [0, 1] per axis (random search's neighbourhood).</summary>
    public static double ScaledDistanceSquared(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> min, ReadOnlySpan<double> max)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double range = max[i] - min[i];
            double d = range == 0 ? 0 : (a[i] - b[i]) / range;
            sum += d * d;
        }

        return sum;
    }
}
