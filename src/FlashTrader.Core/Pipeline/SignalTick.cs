using FlashTrader.Core.Market;
using FlashTrader.Core.Signals;

namespace FlashTrader.Core.Pipeline;

/// <summary>A tick with the signals the strategies produced on it (SignalGenerator -> DecisionEngine).</summary>
public readonly record struct SignalTick(MarketTick Tick, SignalSet Signals)
{
    // Fields, not properties: a stage reads the tick and signals in place in their batch by reference (an `in`
    // argument of a property would be a 240- or 200-byte copy).
    public readonly MarketTick Tick = Tick;

    public readonly SignalSet Signals = Signals;
}
