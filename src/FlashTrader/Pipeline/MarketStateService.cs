using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>Stage 1: applies market events to the books and derives features.</summary>
public sealed class MarketStateService(TradingPipeline pipeline, PipelineChannels channels, RunStatus status, ILogger<MarketStateService> logger)
    : PipelineStageService<InboundEvent, MarketTick>(channels.Inbound, channels.Ticks, status, logger)
{
    protected override string StageName => "MarketState";

    protected override void Handle(in InboundEvent item, List<MarketTick> outputs) =>
        outputs.Add(pipeline.MarketState.Apply(item.Event, item.ReceivedTimestamp));
}
