using FlashTrader.Control;
using FlashTrader.Core.Control;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Dashboard.Taps;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>
/// Stage 3: decides orders. Before each tick it takes in the exchange's feedback, and while it has orders working it
/// waits for the watermark of the previous tick, so every decision is made on the same knowledge in every replay.
/// Operator commands waiting in the control inbox enter the stream here, before the tick at hand. Ticks go on by
/// reference into the signals batch they came in (released downstream once the exchange has seen them), orders,
/// reports and commands in a pooled batch of messages: the stream is what <see cref="DecisionStage.OnTick"/> would
/// make, without a 472-byte copy of each tick.
/// </summary>
public sealed class DecisionEngineService(TradingPipeline pipeline, PipelineChannels channels, ControlInbox control, RunStatus status, ILogger<DecisionEngineService> logger, DashboardTaps? dashboard = null)
    : PipelineStageService<SignalTick, OrderFlowItem>(channels.Signals, channels.ToRisk, status, logger)
{
    private readonly BatchChannel<ExecutionFeedback> _feedback = channels.Feedback;
    private readonly DecisionStage _stage = pipeline.Decision;
    private readonly DecisionTap? _tap = dashboard?.Decisions;
    private readonly OutgoingMessages _messages = new(channels.Messages);

    protected override string StageName => "DecisionEngine";

    protected override bool Prepare(in SignalTick item, List<OrderFlowItem> outputs)
    {
        DrainFeedback(outputs);
        if (control.HasPending)
        {
            while (control.TryTake(out ControlCommand command))
            {
                logger.LogWarning("Control: {Action} requested by {Origin}", command.Action, command.Origin);
                int first = _messages.Count;
                _stage.OnControl(command, _messages.List);
                _messages.Forward(first, outputs);
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

    protected override bool KeepsWaiting(in SignalTick item, List<OrderFlowItem> outputs)
    {
        DrainFeedback(outputs);
        return _stage.MustWaitFor(item.Tick.Sequence);
    }

    private void DrainFeedback(List<OrderFlowItem> outputs)
    {
        while (_feedback.Reader.TryRead(out Batch<ExecutionFeedback>? batch))
        {
            foreach (ref readonly ExecutionFeedback f in batch.Span)
            {
                int first = _messages.Count;
                _stage.OnFeedback(f, _messages.List);
                _messages.Forward(first, outputs);
            }

            batch.Return();
        }
    }

    protected override void Handle(in SignalTick item, List<OrderFlowItem> outputs)
    {
        outputs.Add(OrderFlowItem.ForTick(InputBatch!, InputIndex));
        if (_stage.Decide(item.Tick, item.Signals, out OrderRequest order))
        {
            int first = _messages.Count;
            _messages.List.Add(TradingMessage.ForOrder(order));
            _messages.Forward(first, outputs);
        }
    }

    /// <summary>The ticks and messages of the batch are released by the exchange stage, after it has handled them.</summary>
    protected override void OnInputHandled(Batch<SignalTick> batch)
    {
        Output.Filling().Add(OrderFlowItem.ReleaseOf(batch));
        _messages.ReleaseAfter(Output);
    }

    protected override void OnBatchHandled() => _tap?.PublishIfDue();

    protected override void OnCompleted()
    {
        // Reports after the last tick change the engine's account; nothing is left to send them to.
        var discarded = new List<TradingMessage>();
        while (_feedback.Reader.TryRead(out Batch<ExecutionFeedback>? batch))
        {
            foreach (ref readonly ExecutionFeedback f in batch.Span)
            {
                _stage.OnFeedback(f, discarded);
            }

            batch.Return();
        }

        _tap?.Publish();
    }
}
