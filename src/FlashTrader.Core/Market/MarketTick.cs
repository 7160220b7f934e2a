using System.Runtime.InteropServices;

namespace FlashTrader.Core.Market;

/// <summary>
/// An event after MarketState has applied it: the event itself (downstream stages keep their own view of the book
/// from it), the symbol's features, and bookkeeping for ordering and latency measurement.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct MarketTick(long Sequence, MarketEvent Event, MarketFeatures Features, long ReceivedTimestamp)
{
    public int SymbolId => Event.SymbolId;

    public long ExchangeTimeNs => Event.ExchangeTimeNs;

    public long LocalTimeNs => Event.LocalTimeNs;
}
