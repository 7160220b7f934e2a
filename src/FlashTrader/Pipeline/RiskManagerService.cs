using FlashTrader.Control;
using FlashTrader.Core.Control;
using FlashTrader.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>
/// Stage 4: the pre-trade gate and equity watcher. A breaker that asks to flatten (Risk:FlattenOnBreaker) is sent
/// through the control inbox, so it enters the stream like an operator's kill switch, before the next tick.
/// </summary>
public sealed class RiskManagerService(TradingPipeline pipeline, PipelineChannels channels, ControlInbox control, RunStatus status, ILogger<RiskManagerService> logger)
    : PipelineStageService<TradingMessage, TradingMessage>(channels.ToRisk, channels.ToExchange, status, logger)
{
    private string? _haltReason;

    protected override string StageName => "RiskManager";

    protected override void Handle(in TradingMessage item, List<TradingMessage> outputs)
    {
        pipeline.Risk.Handle(item, outputs);
        if (pipeline.Risk.Risk.HaltReason != _haltReason)
        {
            _haltReason = pipeline.Risk.Risk.HaltReason;
            logger.LogWarning("Risk: {State}", _haltReason is null ? "trading resumed" : "new entries halted: " + _haltReason);
        }

        if (pipeline.Risk.Risk.TakeFlattenRequest(out string reason))
        {
            control.Submit(new ControlCommand(ControlAction.Flatten, reason));
        }
    }
}
