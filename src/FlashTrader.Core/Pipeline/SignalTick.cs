using FlashTrader.Core.Market;
using FlashTrader.Core.Signals;

namespace FlashTrader.Core.Pipeline;

/// <summary>A tick with the signals the strategies produced on it (SignalGenerator -> DecisionEngine).</summary>
public readonly record struct SignalTick(MarketTick Tick, SignalSet Signals);
