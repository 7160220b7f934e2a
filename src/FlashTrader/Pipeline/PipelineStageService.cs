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
public abstract class PipelineStageService<TIn, TOut>(BatchChannel<TIn> input, BatchChannel<TOut> output, RunStatus status, ILogger logger)
    : BackgroundService
{
    private readonly List<TOut> _outputs = new(16);

    protected RunStatus Status { get; } = status;

    protected BatchWriter<TOut> Output { get; } = new(output);

    protected abstract string StageName { get; }

    protected abstract void Handle(in TIn item, List<TOut> outputs);

    /// <summary>True when <see cref="PrepareAsync"/> must run before this item (e.g. to wait for feedback).</summary>
    protected virtual bool NeedsPreparation(in TIn item) => false;

    protected virtual ValueTask PrepareAsync(TIn item, List<TOut> outputs) => ValueTask.CompletedTask;

    protected virtual void OnCompleted()
    {
    }

    /// <summary>After each input batch: a place for cheap periodic work (the dashboard's rate-limited snapshots).</summary>
    protected virtual void OnBatchHandled()
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (await input.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (input.Reader.TryRead(out Batch<TIn>? batch))
                {
                    for (int i = 0; i < batch.Count; i++)
                    {
                        _outputs.Clear();
                        if (NeedsPreparation(batch.Items[i]))
                        {
                            await PrepareAsync(batch.Items[i], _outputs).ConfigureAwait(false);
                        }

                        Handle(batch.Items[i], _outputs);
                        foreach (TOut o in _outputs)
                        {
                            if (Output.Add(o))
                            {
                                await Output.FlushAsync().ConfigureAwait(false);
                            }
                        }
                    }

                    batch.Return();
                    OnBatchHandled();
                }

                await Output.FlushAsync().ConfigureAwait(false);
            }

            OnCompleted();
            await Output.FlushAsync().ConfigureAwait(false);
            Output.Complete();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Stage} failed; stopping the pipeline", StageName);
            Status.Fault(StageName, ex);
            Output.Complete(ex);
        }
    }
}
