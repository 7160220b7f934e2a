using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>
/// A pipeline stage as a BackgroundService: reads its input channel in batches, lets the wrapped core class handle each
/// item into a reusable output list, and writes the outputs on (waiting when the next channel is full). It ignores the
/// host's stop token on purpose: shutdown stops the source, and each stage finishes when its input has drained, so
/// nothing in flight is lost. A fault completes the output with the error and stops the host.
/// </summary>
public abstract class PipelineStageService<TIn, TOut>(ChannelReader<TIn> input, ChannelWriter<TOut> output, RunStatus status, ILogger logger)
    : BackgroundService
{
    private readonly List<TOut> _outputs = new(16);

    protected RunStatus Status { get; } = status;

    protected abstract string StageName { get; }

    protected abstract void Handle(in TIn item, List<TOut> outputs);

    /// <summary>Runs before each batch is handled (e.g. to drain a side channel).</summary>
    protected virtual ValueTask BeforeItemAsync(TIn item, List<TOut> outputs) => ValueTask.CompletedTask;

    protected virtual void OnCompleted()
    {
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            while (await input.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                while (input.TryRead(out TIn? item))
                {
                    _outputs.Clear();
                    await BeforeItemAsync(item, _outputs).ConfigureAwait(false);
                    Handle(item, _outputs);
                    foreach (TOut o in _outputs)
                    {
                        if (!output.TryWrite(o))
                        {
                            await output.WriteAsync(o, CancellationToken.None).ConfigureAwait(false);
                        }
                    }
                }
            }

            OnCompleted();
            output.TryComplete();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Stage} failed; stopping the pipeline", StageName);
            Status.Fault(StageName, ex);
            output.TryComplete(ex);
        }
    }
}
