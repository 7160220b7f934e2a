using System.Globalization;
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
public sealed class RiskManagerService(TradingPipeline pipeline, PipelineChannels channels, ControlInbox control, RunStatus status, ILogger<RiskManagerService> logger, DashboardTaps? dashboard = null, RiskStateHandoff? journal = null)
    : PipelineStageService<OrderFlowItem, OrderFlowItem>(channels.ToRisk, channels.ToExchange, status, logger)
{
    private readonly RiskTap? _tap = dashboard?.Risk;
    private readonly OutgoingMessages _messages = new(channels.Messages);
    private string? _haltReason;
    private long _publishedVersion;

    protected override string StageName => "RiskManager";

    /// <summary>
    /// A tick is watched and passed on as it came (a reference into its signals batch); a message goes through the gate,
    /// and what the gate makes of it (a command, a refusal, a control message passed on; nothing for a report) is
    /// written to this stage's batch of messages: the stream <see cref="RiskStage.Handle"/> would make.
    /// </summary>
    protected override void Handle(in OrderFlowItem item, List<OrderFlowItem> outputs)
    {
        switch (item.Kind)
        {
            case OrderFlowKind.Tick:
                pipeline.Risk.OnTick(item.Tick);
                _tap?.ObserveTick(item.Tick);
                outputs.Add(item);
                break;
            case OrderFlowKind.Message:
                Gate(item.Message, outputs);
                break;
            default:
                outputs.Add(item); // a release: the batch is still read downstream
                return;
        }

        if (pipeline.Risk.Risk.HaltReason != _haltReason)
        {
            _haltReason = pipeline.Risk.Risk.HaltReason;
            logger.LogWarning("Risk: {State}", _haltReason is null ? "trading resumed" : "new entries halted: " + _haltReason);
        }

        if (pipeline.Risk.Risk.TakeFlattenRequest(out string reason))
        {
            control.Submit(new ControlCommand(ControlAction.Flatten, reason));
        }

        PublishState();
    }

    private void Gate(in TradingMessage message, List<OrderFlowItem> outputs)
    {
        if (message.Kind == TradingMessageKind.Control && message.Command is { Action: ControlAction.SetRiskLimits, RiskLimits: { } limits })
        {
            AuditLimits(pipeline.Risk.Risk.Limits, limits, message.Command.Origin);
        }

        int first = _messages.Count;
        pipeline.Risk.Handle(message, _messages.List);
        _tap?.Observe(message, _messages.List, first);
        _messages.Forward(first, outputs);
    }

    /// <summary>This stage's messages of the batch are released by the exchange stage, after it has handled them.</summary>
    protected override void OnInputHandled(Batch<OrderFlowItem> batch)
    {
        batch.Return();
        _messages.ReleaseAfter(Output);
    }

    /// <summary>Hands a changed state to the exchange stage, which journals it; rare (trips, halts, orders, closed trades, a new day).</summary>
    private void PublishState()
    {
        if (journal is not null && pipeline.Risk.Risk.StateVersion != _publishedVersion)
        {
            _publishedVersion = pipeline.Risk.Risk.StateVersion;
            journal.Publish(pipeline.Risk.Risk.CaptureState());
        }
    }

    protected override bool IsWarmPass(Batch<OrderFlowItem> batch) => OrderFlowItem.IsReleasesOnly(batch);

    protected override void OnBatchHandled() => _tap?.PublishIfDue();

    protected override void OnCompleted()
    {
        // The last state (with the equity peak as it ended) reaches the exchange stage's final commit.
        journal?.Publish(pipeline.Risk.Risk.CaptureState());
        _tap?.Publish();
    }

    /// <summary>
    /// The audit record of a runtime limit change, as it takes effect: every key whose value changed, old -> new (or
    /// that nothing changed). Read by reflection: once per operator command, never per event.
    /// </summary>
    private void AuditLimits(RiskOptions old, RiskOptions @new, string origin)
    {
        IEnumerable<string> changes = typeof(RiskOptions).GetProperties()
            .Where(p => p.PropertyType.IsValueType)
            .Select(p => (Key: "Risk:" + p.Name, Old: Convert.ToString(p.GetValue(old), CultureInfo.InvariantCulture), New: Convert.ToString(p.GetValue(@new), CultureInfo.InvariantCulture)))
            .Where(c => c.Old != c.New)
            .Select(c => $"{c.Key} {c.Old} -> {c.New}");
        if (old.CorrelationGroups.Count != @new.CorrelationGroups.Count)
        {
            changes = changes.Append($"Risk:CorrelationGroups {old.CorrelationGroups.Count} -> {@new.CorrelationGroups.Count} groups");
        }

        string text = string.Join(", ", changes);
        logger.LogWarning("Audit: risk limits changed by {Origin}: {Changes}", origin, text.Length > 0 ? text : "no value changed");
    }
}
