namespace FlashTrader.Core.Indicators;

/// <summary>
/// The uniform face of every streaming indicator, used where indicators are chosen at run time (an
/// <see cref="IndicatorSpec"/>). Each concrete indicator also has its own typed Update and a batch Compute.
/// </summary>
public interface IBarIndicator
{
    /// <summary>Bars consumed before the first output (TA-Lib's lookback): output k is valid from bar index Lookback.</summary>
    int Lookback { get; }

    /// <summary>Number of values each update produces (3 for MACD: macd, signal, hist).</summary>
    int OutputCount { get; }

    /// <summary>True once the indicator has produced its first output.</summary>
    bool IsReady { get; }

    /// <summary>Consumes the next bar; O(1), allocation-free.</summary>
    void Update(in Bar bar);

    /// <summary>The latest value of output <paramref name="index"/>; NaN during warm-up.</summary>
    double GetOutput(int index);
}
