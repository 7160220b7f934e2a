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

    protected override bool NeedsPreparation(in SignalTick item) =>
        _feedback.Reader.TryPeek(out _) || control.HasPending || _stage.MustWaitFor(item.Tick.Sequence);

    protected override async ValueTask PrepareAsync(SignalTick item, List<TradingMessage> outputs)
    {
        DrainFeedback(outputs);
        while (control.TryTake(out ControlCommand command))
        {
            logger.LogWarning("Control: {Action} requested by {Origin}", command.Action, command.Origin);
            _stage.OnControl(command, outputs);
            if (command.Strategy is { } change)
            {
                logger.LogWarning("Audit: strategy {Name} changed by {Origin} before event {Sequence}: {Change}", change.Target.Name, command.Origin, item.Tick.Sequence, change.Description);
            }
        }

        if (!_stage.MustWaitFor(item.Tick.Sequence))
        {
            return;
        }

        // The exchange cannot answer orders it has not received: send what is pending before waiting.
        foreach (TradingMessage m in outputs)
        {
            Output.Add(m);
        }

        outputs.Clear();
        await Output.FlushAsync().ConfigureAwait(false);
        while (_stage.MustWaitFor(item.Tick.Sequence))
        {
            if (!await _feedback.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException("the exchange stage stopped while orders were still working");
            }

            DrainFeedback(outputs);
        }
    }

    private void DrainFeedback(List<TradingMessage> outputs)
    {
        while (_feedback.Reader.TryRead(out Batch<ExecutionFeedback>? batch))
        {
            foreach (ExecutionFeedback f in batch.Span)
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
