namespace FlashTrader.Core.Backtesting;

/// <summary>
/// Rolling walk-forward folds over a time range. The range is cut into <c>folds + inSampleSlices</c> equal slices;
/// fold k optimises on slices k .. k+inSampleSlices-1 and tests on slice k+inSampleSlices. The out-of-sample slices
/// tile the end of the range without overlap, each fold's in-sample window is as long as the others', and every
/// out-of-sample window lies strictly after its in-sample one. The last slice absorbs the division's remainder.
/// </summary>
public static class WalkForwardPlanner
{
    public static IReadOnlyList<WalkForwardFold> Plan(long startNs, long endNs, int folds, int inSampleSlices = 2)
    {
        if (folds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, "at least one walk-forward fold is needed");
        }

        if (inSampleSlices < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(inSampleSlices), inSampleSlices, "the in-sample window needs at least one slice");
        }

        if (endNs <= startNs)
        {
            throw new ArgumentException($"the time range is empty ({startNs} .. {endNs})", nameof(endNs));
        }

        long slices = folds + (long)inSampleSlices;
        long slice = (endNs - startNs) / slices;
        if (slice == 0)
        {
            throw new ArgumentException($"the time range ({endNs - startNs} ns) is too short for {folds} folds", nameof(folds));
        }

        var plan = new WalkForwardFold[folds];
        for (int k = 0; k < folds; k++)
        {
            long isStart = startNs + (k * slice);
            long oosStart = isStart + (inSampleSlices * slice);
            long oosEnd = k == folds - 1 ? endNs : oosStart + slice;
            plan[k] = new WalkForwardFold(k, isStart, oosStart, oosStart, oosEnd);
        }

        return plan;
    }
}
