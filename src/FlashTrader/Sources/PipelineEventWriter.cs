using System.Diagnostics;
using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using FlashTrader.Mexc.Feed;
using FlashTrader.Pipeline;

namespace FlashTrader.Sources;

/// <summary>A live feed's way into the pipeline: each event is stamped with its Stopwatch arrival time and batched onto the inbound channel.</summary>
public sealed class PipelineEventWriter(BatchWriter<InboundEvent> writer) : IMarketEventWriter
{
    public bool Add(in MarketEvent marketEvent) => writer.Add(new InboundEvent(marketEvent, Stopwatch.GetTimestamp()));

    public ValueTask FlushAsync() => writer.FlushAsync();
}
