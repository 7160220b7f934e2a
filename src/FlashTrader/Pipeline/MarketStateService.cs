using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using FlashTrader.Dashboard.Taps;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>Stage 1: applies market events to the books and derives features.</summary>
public sealed class MarketStateService(TradingPipeline pipeline, PipelineChannels channels, RunStatus status, ILogger<MarketStateService> logger, DashboardTaps? dashboard = null)
    : PipelineStageService<InboundEvent, MarketTick>(channels.Inbound, channels.Ticks, status, logger)
{
    private readonly MarketTap? _tap = dashboard?.Market;

    protected override string StageName => "MarketState";

    protected override bool HandlesOneToOne => true;

    protected override void HandleOne(in InboundEvent item, out MarketTick output)
    {
        output = pipeline.MarketState.Apply(item.Event, item.ReceivedTimestamp);
        _tap?.Observe(output);
    }

    protected override void OnBatchHandled()
    {
        Status.Steady.Observe(pipeline.MarketState.Events);
        _tap?.PublishIfDue();
    }

    protected override void OnCompleted() => _tap?.Publish();
}
