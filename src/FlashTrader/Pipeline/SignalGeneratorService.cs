using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using FlashTrader.Dashboard.Taps;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>Stage 2: runs the strategies on each tick.</summary>
public sealed class SignalGeneratorService(TradingPipeline pipeline, PipelineChannels channels, RunStatus status, ILogger<SignalGeneratorService> logger, DashboardTaps? dashboard = null)
    : PipelineStageService<MarketTick, SignalTick>(channels.Ticks, channels.Signals, status, logger)
{
    private readonly SignalTap? _tap = dashboard?.Signals;

    protected override string StageName => "SignalGenerator";

    protected override bool HandlesOneToOne => true;

    protected override void HandleOne(in MarketTick item, out SignalTick output)
    {
        output = new SignalTick(item, pipeline.Signals.Evaluate(item));
        _tap?.Observe(output);
    }

    protected override void OnBatchHandled() => _tap?.PublishIfDue();

    protected override void OnCompleted() => _tap?.Publish();
}
