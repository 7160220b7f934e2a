using FlashTrader.Core.Market;

namespace FlashTrader.Core.Pipeline;

/// <summary>A market event as a source hands it to the pipeline, with the Stopwatch timestamp of its arrival.</summary>
public readonly record struct InboundEvent(MarketEvent Event, long ReceivedTimestamp)
{
    // A field, not a property: the market stage passes the event in place in its batch by reference (an `in` argument
    // of a property would be a 104-byte copy per event).
    public readonly MarketEvent Event = Event;
}
