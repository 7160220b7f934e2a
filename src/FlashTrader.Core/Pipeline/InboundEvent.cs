using FlashTrader.Core.Market;

namespace FlashTrader.Core.Pipeline;

/// <summary>A market event as a source hands it to the pipeline, with the Stopwatch timestamp of its arrival.</summary>
public readonly record struct InboundEvent(MarketEvent Event, long ReceivedTimestamp);
