using FlashTrader.Control;
using FlashTrader.Core.Control;
using FlashTrader.Core.Pipeline;
using FlashTrader.Dashboard.Taps;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>
/// Stage 3: decides orders. Before each tick it takes in the exchange's feedback, and while it has orders working it
/// waits for the watermark of the previous tick, so every decision is made on the same knowledge in every replay.
/// Operator commands waiting in the control inbox enter the stream here, before the tick at hand.
/// </summary>
public sealed class DecisionEngineService(TradingPipeline pipeline, PipelineChannels channels, ControlInbox control, RunStatus status, ILogger<DecisionEngineService> logger, DashboardTaps? dashboard = null)
    : PipelineStageService<SignalTick, TradingMessage>(channels.Signals, channels.ToRisk, status, logger)
{
    private readonly BatchChannel<ExecutionFeedback> _feedback = channels.Feedback;
    private readonly DecisionStage _stage = pipeline.Decision;
    private readonly DecisionTap? _tap = dashboard?.Decisions;

    protected override string StageName => "DecisionEngine";

    protected override bool Prepare(in SignalTick item, List<TradingMessage> outputs)
    {
        DrainFeedback(outputs);
        if (control.HasPending)
        {
            while (control.TryTake(out ControlCommand command))
            {
                logger.LogWarning("Control: {Action} requested by {Origin}", command.Action, command.Origin);
                _stage.OnControl(command, outputs);
                if (command.Strategy is { } change)
                {
                    logger.LogWarning("Audit: strategy {Name} changed by {Origin} before event {Sequence}: {Change}", change.Target.Name, command.Origin, item.Tick.Sequence, change.Description);
                }
            }
        }

        // The exchange cannot answer orders it has not received: the base class sends what is pending before waiting.
        return _stage.MustWaitFor(item.Tick.Sequence);
    }

    protected override string WaitEndedReason => "the exchange stage stopped while orders were still working";

    protected override ValueTask<bool> WaitForMoreAsync() => _feedback.Reader.WaitToReadAsync();

    protected override bool KeepsWaiting(in SignalTick item, List<TradingMessage> outputs)
    {
        DrainFeedback(outputs);
        return _stage.MustWaitFor(item.Tick.Sequence);
    }

    private void DrainFeedback(List<TradingMessage> outputs)
    {
        while (_feedback.Reader.TryRead(out Batch<ExecutionFeedback>? batch))
        {
            foreach (ref readonly ExecutionFeedback f in batch.Span)
            {
                _stage.OnFeedback(f, outputs);
            }

            batch.Return();
        }
    }

    protected override void Handle(in SignalTick item, List<TradingMessage> outputs) => _stage.OnTick(item, outputs);

    protected override void OnBatchHandled() => _tap?.PublishIfDue();

    protected override void OnCompleted()
    {
        DrainFeedback([]);
        _tap?.Publish();
    }
}
