using System.Threading.Channels;
using FlashTrader.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>
/// Stage 3: decides orders. Before each tick it takes in the exchange's feedback, and while it has orders working it
/// waits for the watermark of the previous tick, so every decision is made on the same knowledge in every replay.
/// </summary>
public sealed class DecisionEngineService(TradingPipeline pipeline, PipelineChannels channels, RunStatus status, ILogger<DecisionEngineService> logger)
    : PipelineStageService<SignalTick, TradingMessage>(channels.Signals.Reader, channels.ToRisk.Writer, status, logger)
{
    private readonly ChannelReader<ExecutionFeedback> _feedback = channels.Feedback.Reader;
    private readonly DecisionStage _stage = pipeline.Decision;

    protected override string StageName => "DecisionEngine";

    protected override async ValueTask BeforeItemAsync(SignalTick item, List<TradingMessage> outputs)
    {
        while (_feedback.TryRead(out ExecutionFeedback f))
        {
            _stage.OnFeedback(f, outputs);
        }

        while (_stage.MustWaitFor(item.Tick.Sequence))
        {
            if (!await _feedback.WaitToReadAsync().ConfigureAwait(false))
            {
                throw new InvalidOperationException("the exchange stage stopped while orders were still working");
            }

            while (_feedback.TryRead(out ExecutionFeedback f))
            {
                _stage.OnFeedback(f, outputs);
            }
        }
    }

    protected override void Handle(in SignalTick item, List<TradingMessage> outputs) => _stage.OnTick(item, outputs);

    protected override void OnCompleted()
    {
        var ignored = new List<TradingMessage>();
        while (_feedback.TryRead(out ExecutionFeedback f))
        {
            _stage.OnFeedback(f, ignored);
        }
    }
}
