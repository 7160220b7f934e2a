using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>
/// A pipeline stage as a BackgroundService: reads batches from its input, lets the wrapped core class handle each item
/// into a reusable output list, and sends the outputs on in batches (flushed when full and whenever the input has
/// nothing more ready). It ignores the host's stop token on purpose: shutdown stops the source, and each stage
/// finishes when its input has drained, so nothing in flight is lost. A fault completes the output with the error and
/// stops the host.
/// </summary>
public abstract partial class PipelineStageService<TIn, TOut>(BatchChannel<TIn> input, BatchChannel<TOut> output, RunStatus status, ILogger logger)
    : BackgroundService
{
    private readonly BatchChannel<TIn> _input = input;
    private readonly BatchChannel<TOut> _output = output;
    private readonly ILogger _logger = logger;

    protected RunStatus Status { get; } = status;

    protected BatchWriter<TOut> Output { get; } = new(output);

    protected abstract string StageName { get; }

    /// <summary>The input batch being handled, and the index in it of the item at hand (a stage may refer to it there).</summary>
    protected Batch<TIn>? InputBatch { get; private set; }

    /// <inheritdoc cref="InputBatch"/>
    protected int InputIndex { get; private set; }

    /// <summary>
    /// Handles one item, appending what it makes to <paramref name="outputs"/> (the output batch being filled, which
    /// may already hold earlier items' outputs); by default the one output of <see cref="HandleOne"/>.
    /// </summary>
    protected virtual void Handle(in TIn item, List<TOut> outputs)
    {
        HandleOne(item, out TOut output);
        outputs.Add(output);
    }

    /// <summary>
    /// True for a stage whose every item makes exactly one output and which never waits (<see cref="Prepare"/> stays
    /// false): it builds the output in place in the output batch through <see cref="HandleOne"/>, so a large struct (a
    /// 240-byte MarketTick, a 440-byte SignalTick) is written once per hop instead of copied into a list and again into
    /// the batch.
    /// </summary>
    protected virtual bool HandlesOneToOne => false;

    /// <summary>Writes the one output of <paramref name="item"/> (see <see cref="HandlesOneToOne"/>).</summary>
    protected virtual void HandleOne(in TIn item, out TOut output) => throw new NotSupportedException(StageName + " overrides Handle or HandleOne");

    /// <summary>
    /// Runs before each item; true when the item must wait for input from elsewhere (the decision engine waiting for the
    /// exchange's watermark): the stage then sends what it has, and awaits <see cref="WaitForMoreAsync"/> until
    /// <see cref="KeepsWaiting"/> says otherwise. Synchronous on purpose: no async call, no allocation per item.
    /// </summary>
    protected virtual bool Prepare(in TIn item, List<TOut> outputs) => false;

    /// <summary>Completes when more of what <see cref="Prepare"/> waits for may be there; false when it never will be.</summary>
    protected virtual ValueTask<bool> WaitForMoreAsync() => ValueTask.FromResult(false);

    /// <summary>The fault when <see cref="WaitForMoreAsync"/> reports that nothing more will come.</summary>
    protected virtual string WaitEndedReason => StageName + ": what it was waiting for stopped";

    /// <summary>Takes in what arrived while waiting; true while the item must still wait.</summary>
    protected virtual bool KeepsWaiting(in TIn item, List<TOut> outputs) => false;

    protected virtual void OnCompleted()
    {
    }

    /// <summary>
    /// Runs before the outputs gathered so far are sent on (a full output batch, the end of an input batch, a wait): the
    /// last moment to make durable what they report (the exchange stage commits its journal here, once for the run of
    /// messages since the last send, instead of once per message).
    /// </summary>
    protected virtual void BeforeSend()
    {
    }

    private ValueTask SendAsync()
    {
        BeforeSend();
        return Output.FlushAsync();
    }

    /// <summary>
    /// After each input batch, once its outputs have been sent on: a place for cheap periodic work (the dashboard's rate-limited snapshots). What it
    /// allocates is counted as the dashboard's, apart from the per-event path.
    /// </summary>
    protected virtual void OnBatchHandled()
    {
    }

    /// <summary>
    /// Called when every item of an input batch has been handled, before its outputs are sent on: by default the batch
    /// goes back to its pool. A stage whose outputs refer into it sends it on to be released downstream instead.
    /// </summary>
    protected virtual void OnInputHandled(Batch<TIn> batch) => batch.Return();

    /// <summary>
    /// True for the batch of a warm pass (<see cref="WarmPass"/>): empty when it enters a stage, or (after the decision
    /// engine) only the release of the empty signals batch. Its stage runs no periodic work for it.
    /// </summary>
    protected virtual bool IsWarmPass(Batch<TIn> batch) => batch.Count == 0;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _input.DirectReader = this; // from now on the direct path may hand this stage a batch, once it is parked idle
        await Task.Yield();
        try
        {
            bool oneToOne = HandlesOneToOne;
            while (Park() && await _input.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                Unpark();
                while (_input.Reader.TryRead(out Batch<TIn>? batch))
                {
                    bool warm = IsWarmPass(batch);
                    if (batch.Count == 0)
                    {
                        // A warm pass (WarmPass): nothing to handle; it goes on through the next hop as it is.
                        OnInputHandled(batch);
                        if (Output.Pending == 0)
                        {
                            Output.SendEmpty();
                        }
                        else
                        {
                            await SendAsync().ConfigureAwait(false);
                        }

                        continue;
                    }

                    InputBatch = batch;
                    for (int i = 0; i < batch.Count; i++)
                    {
                        InputIndex = i;
                        if (oneToOne)
                        {
                            HandleOne(batch.Items[i], out Output.AddSlot());
                            if (Output.IsFull)
                            {
                                await SendAsync().ConfigureAwait(false);
                            }

                            continue;
                        }

                        // Outputs are appended straight into the output batch: a large struct (a TradingMessage is 472
                        // bytes) is written once per hop.
                        if (Prepare(batch.Items[i], Output.Filling()))
                        {
                            // What is pending goes first: the stage being waited for may need it to answer.
                            await SendAsync().ConfigureAwait(false);
                            do
                            {
                                if (!await WaitForMoreAsync().ConfigureAwait(false))
                                {
                                    throw new InvalidOperationException(WaitEndedReason);
                                }
                            }
                            while (KeepsWaiting(batch.Items[i], Output.Filling()));
                        }

                        Handle(batch.Items[i], Output.Filling());
                        if (Output.IsFull)
                        {
                            await SendAsync().ConfigureAwait(false);
                        }
                    }

                    InputBatch = null;
                    OnInputHandled(batch);

                    // A batch's outputs go on before any periodic work: with synchronous continuations the flush carries
                    // them through the next stages at once, so a dashboard snapshot being built here delays no event.
                    await SendAsync().ConfigureAwait(false);
                    if (warm)
                    {
                        continue; // periodic work waits for a real batch: a warm pass must stay short
                    }

                    RunPeriodicWork();
                }
            }

            Unpark();
            if (FaultedOnDirectPath)
            {
                return; // handled as the loop's own fault would have been (HandleDirect)
            }

            long final = GC.GetAllocatedBytesForCurrentThread();
            OnCompleted();
            Status.Steady.AddDashboardBytes(GC.GetAllocatedBytesForCurrentThread() - final);
            await SendAsync().ConfigureAwait(false);
            Output.Complete();
        }
        catch (Exception ex)
        {
            Unpark();
            Fail(ex);
        }
    }

    /// <summary>The stage's periodic work (dashboard publication) after a batch; what it allocates is counted as the dashboard's.</summary>
    private void RunPeriodicWork()
    {
        long periodic = GC.GetAllocatedBytesForCurrentThread();
        OnBatchHandled();
        Status.Steady.AddDashboardBytes(GC.GetAllocatedBytesForCurrentThread() - periodic);
    }

    /// <summary>A fault is logged, recorded, and ends this stage's output, which stops the host.</summary>
    private void Fail(Exception ex)
    {
        _logger.LogError(ex, "{Stage} failed; stopping the pipeline", StageName);
        Status.Fault(StageName, ex);
        Output.Complete(ex);
    }
}
