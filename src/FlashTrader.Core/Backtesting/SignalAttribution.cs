using FlashTrader.Core.Decisions;
using FlashTrader.Core.Signals;

namespace FlashTrader.Core.Backtesting;

/// <summary>
/// Credits an entry to the signal source that pushed hardest for it: per symbol and source, the same event-time window
/// the decision engine sums (buys add, sells subtract); at an entry, the source with the largest net buy strength in the
/// window wins (the lowest index on a tie), or none (-1) when no source is net long.
/// </summary>
public sealed class SignalAttribution
{
    private readonly SignalWindow[][] _windows;

    public SignalAttribution(int symbolCount, int sourceCount, int windowMs)
    {
        _windows = new SignalWindow[symbolCount][];
        for (int s = 0; s < symbolCount; s++)
        {
            _windows[s] = new SignalWindow[sourceCount];
            for (int k = 0; k < sourceCount; k++)
            {
                _windows[s][k] = new SignalWindow(windowMs);
            }
        }
    }

    public void Observe(in SignalSet signals)
    {
        for (int i = 0; i < signals.Count; i++)
        {
            Signal signal = signals[i];
            _windows[signal.SymbolId][signal.Source].Add(signal);
        }
    }

    public int Attribute(int symbolId, long nowNs)
    {
        int best = -1;
        double bestScore = 0;
        SignalWindow[] windows = _windows[symbolId];
        for (int k = 0; k < windows.Length; k++)
        {
            windows[k].Expire(nowNs);
            if (windows[k].Score > bestScore)
            {
                best = k;
                bestScore = windows[k].Score;
            }
        }

        return best;
    }
}
