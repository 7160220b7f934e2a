using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>A stage that can take a batch by a direct call (<see cref="DirectPath"/>) instead of through its channel.</summary>
public interface IDirectReader<T>
{
    /// <summary>
    /// True when this stage and every one after it is parked on an empty input with nothing pending: nothing queued,
    /// nothing in flight. Checked upstream first, so work still running further down is seen.
    /// </summary>
    bool IsChainIdle { get; }

    /// <summary>Handles <paramref name="batch"/> on the calling thread, as the stage's loop would have, and hands its outputs on the same way.</summary>
    void HandleDirect(Batch<T> batch);
}

/// <summary>
/// The direct path through a stage: the body of the stage loop for one batch, run on the caller's thread while the
/// loop is parked. It makes the same calls in the same order as the loop (items, waits, the input handed back, sends,
/// periodic work); a send hands the batch to the next stage by a direct call instead of writing it to the channel, so
/// the chain runs as it would through synchronous continuations, without the four channel hops.
/// </summary>
public abstract partial class PipelineStageService<TIn, TOut> : IDirectReader<TIn>
{
    // Set by the loop just before it waits for input and cleared as it wakes; the direct path runs only while it is set
    // (and the input is empty), so the loop and a direct call never handle this stage's state at the same time: the loop
    // wakes only on a write to its input, and nothing writes there while the chain is idle and the caller holds it.
    private volatile bool _parked;

    private bool Park()
    {
        _parked = true;
        return true;
    }

    private void Unpark() => _parked = false;

    /// <summary>True once a direct call has faulted this stage: its loop then ends without completing normally.</summary>
    private bool FaultedOnDirectPath { get; set; }

    // The input's depth is read before the flag: a loop clears the flag before it takes a batch, so an empty input
    // followed by a set flag means the loop had parked again after its last batch (read the other way round, a loop
    // waking between the two reads would look idle while it handles the batch it just took).
    bool IDirectReader<TIn>.IsChainIdle =>
        _input.Depth == 0 && _parked && !FaultedOnDirectPath && Output.Pending == 0 && (_output.DirectReader is not { } next || next.IsChainIdle);

    void IDirectReader<TIn>.HandleDirect(Batch<TIn> batch)
    {
        try
        {
            HandleBatchDirect(batch);
        }
        catch (Exception ex)
        {
            // As in the loop: the fault is logged, recorded, and ends this stage's output; the stage takes nothing more.
            FaultedOnDirectPath = true;
            Fail(ex);
        }
    }

    private void HandleBatchDirect(Batch<TIn> batch)
    {
        bool warm = IsWarmPass(batch);
        bool oneToOne = HandlesOneToOne;
        InputBatch = batch;
        for (int i = 0; i < batch.Count; i++)
        {
            InputIndex = i;
            if (oneToOne)
            {
                HandleOne(batch.Items[i], out Output.AddSlot());
                if (Output.IsFull)
                {
                    SendDirect();
                }

                continue;
            }

            if (Prepare(batch.Items[i], Output.Filling()))
            {
                SendDirect();
                do
                {
                    // What the stage waits for (the exchange's feedback) was made by the direct calls just returned: on an
                    // idle chain it is there already. Anything else cannot come while this thread holds the chain.
                    ValueTask<bool> more = WaitForMoreAsync();
                    if (!more.IsCompleted)
                    {
                        throw new InvalidOperationException(StageName + ": on the direct path an item had to wait for input that was not there (it would never come)");
                    }

                    if (!more.Result)
                    {
                        throw new InvalidOperationException(WaitEndedReason);
                    }
                }
                while (KeepsWaiting(batch.Items[i], Output.Filling()));
            }

            Handle(batch.Items[i], Output.Filling());
            if (Output.IsFull)
            {
                SendDirect();
            }
        }

        InputBatch = null;
        OnInputHandled(batch);
        SendDirect();
        if (warm)
        {
            return;
        }

        RunPeriodicWork();
    }

    /// <summary>The loop's send, with the next stage called directly; a channel no stage reads (the feedback) is written as before.</summary>
    private void SendDirect()
    {
        BeforeSend();
        Batch<TOut>? batch = Output.TakePending();
        if (batch is null)
        {
            return;
        }

        if (_output.DirectReader is { } next)
        {
            next.HandleDirect(batch);
        }
        else if (!_output.Writer.TryWrite(batch))
        {
            throw new InvalidOperationException(StageName + ": on the direct path its output channel was full or closed");
        }
    }
}
