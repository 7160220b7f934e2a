using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;

namespace FlashTrader.Backtesting;

/// <summary>
/// The part of a tape a backtest runs over: events [<see cref="From"/>, <see cref="To"/>), preceded by the book
/// snapshots that let a window starting mid-recording trade from its first event.
/// </summary>
public sealed record BacktestWindow(int From, int To, IReadOnlyList<MarketEvent> WarmStart)
{
    public static BacktestWindow Whole(MarketTape tape) => new(0, tape.Count, []);

    /// <summary>The events from <paramref name="startNs"/> (inclusive) to <paramref name="endNs"/> (exclusive), in recording order.</summary>
    public static BacktestWindow Between(MarketTape tape, long startNs, long endNs, InstrumentSet instruments)
    {
        int from = tape.IndexAt(startNs);
        int to = Math.Max(from, tape.IndexAt(endNs));
        return new BacktestWindow(from, to, tape.WarmStart(from, instruments));
    }
}
