using FlashTrader.Core.Market;

namespace FlashTrader.Core.Signals;

/// <summary>
/// A strategy the SignalGenerator evaluates on each (throttled) tick of a symbol. Implementations are pure, keep
/// their state per symbol, and must not allocate per call. JSON-defined strategies plug in here.
/// </summary>
public interface ISignalStrategy
{
    string Name { get; }

    /// <summary>Returns true and a signal (Source is filled in by the generator) when the strategy has an opinion.</summary>
    bool TryEvaluate(in MarketTick tick, out Signal signal);
}
