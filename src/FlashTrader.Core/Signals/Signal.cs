using System.Runtime.InteropServices;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Signals;

/// <summary>
/// A strategy's opinion at one instant: buy or sell a symbol, how strongly (0..1), at which reference price.
/// <see cref="Source"/> indexes the generator's strategy list (<see cref="SignalGenerator.StrategyNames"/>).
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Signal(int SymbolId, Side Side, int Source, double Strength, Fixed8 Price, long ExchangeTimeNs, long LocalTimeNs)
{
    /// <summary>Name, version and content hash of the strategy, as a <see cref="Strategies.StrategyCatalog"/> id.</summary>
    public int StrategyId { get; init; }
}
