using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>Stage 2: runs the strategies on each tick.</summary>
public sealed class SignalGeneratorService(TradingPipeline pipeline, PipelineChannels channels, RunStatus status, ILogger<SignalGeneratorService> logger)
    : PipelineStageService<MarketTick, SignalTick>(channels.Ticks, channels.Signals, status, logger)
{
    protected override string StageName => "SignalGenerator";

    protected override void Handle(in MarketTick item, List<SignalTick> outputs) =>
        outputs.Add(new SignalTick(item, pipeline.Signals.Evaluate(item)));
}
