using FlashTrader.Core.Market;

namespace FlashTrader.Core.Signals;

/// <summary>
/// A strategy that must see every tick of a symbol, not only the throttled ones it is evaluated on: it builds
/// candles from trades and feeds its indicators. Called by the SignalGenerator before any filter; allocation-free.
/// </summary>
public interface ITrackingStrategy : ISignalStrategy
{
    void Track(in MarketTick tick);
}
