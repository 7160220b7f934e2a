using FlashTrader.Core.Configuration;
using FlashTrader.Control;
using FlashTrader.Core.Control;
using FlashTrader.Core.Pipeline;
using FlashTrader.Dashboard.Taps;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>
/// Stage 4: the pre-trade gate and equity watcher. A breaker that asks to flatten (Risk:FlattenOnBreaker) is sent
/// through the control inbox, so it enters the stream like an operator's kill switch, before the next tick.
/// </summary>
public sealed class RiskManagerService(TradingPipeline pipeline, PipelineChannels channels, ControlInbox control, RunStatus status, ILogger<RiskManagerService> logger, DashboardTaps? dashboard = null)
    : PipelineStageService<TradingMessage, TradingMessage>(channels.ToRisk, channels.ToExchange, status, logger)
{
    private readonly RiskTap? _tap = dashboard?.Risk;
    private string? _haltReason;

    protected override string StageName => "RiskManager";

    protected override void Handle(in TradingMessage item, List<TradingMessage> outputs)
    {
        if (item.Kind == TradingMessageKind.Control && item.Command is { Action: ControlAction.SetRiskLimits, RiskLimits: { } limits })
        {
            AuditLimits(pipeline.Risk.Risk.Limits, limits, item.Command.Origin);
        }

        pipeline.Risk.Handle(item, outputs);
        _tap?.Observe(item, outputs);
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

    protected override void OnBatchHandled() => _tap?.PublishIfDue();

    protected override void OnCompleted() => _tap?.Publish();

    /// <summary>The audit record of a runtime limit change: every key with its old and new value, as it takes effect.</summary>
    private void AuditLimits(RiskOptions old, RiskOptions @new, string origin) =>
        logger.LogWarning(
            "Audit: risk limits changed by {Origin}: Risk:MaxDrawdownPercent {OldMaxDrawdownPercent} -> {NewMaxDrawdownPercent}, Risk:DailyLossLimit {OldDailyLossLimit} -> {NewDailyLossLimit}",
            origin, old.MaxDrawdownPercent, @new.MaxDrawdownPercent, old.DailyLossLimit, @new.DailyLossLimit);
}
