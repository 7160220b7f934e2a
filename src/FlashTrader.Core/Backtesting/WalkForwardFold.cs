namespace FlashTrader.Core.Backtesting;

/// <summary>
/// One walk-forward fold: optimise on [<see cref="InSampleStartNs"/>, <see cref="InSampleEndNs"/>), then test the
/// chosen parameters on [<see cref="OutOfSampleStartNs"/>, <see cref="OutOfSampleEndNs"/>). Half-open intervals; the
/// in-sample window ends where the out-of-sample one starts, so no instant belongs to both.
/// </summary>
public readonly record struct WalkForwardFold(int Index, long InSampleStartNs, long InSampleEndNs, long OutOfSampleStartNs, long OutOfSampleEndNs)
{
    public long InSampleDurationNs => InSampleEndNs - InSampleStartNs;

    public long OutOfSampleDurationNs => OutOfSampleEndNs - OutOfSampleStartNs;
}
