using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;

namespace FlashTrader.Pipeline;

/// <summary>
/// The channels between the stages, each carrying batches of readonly structs. Forward channels are bounded and wait
/// when full (market data is never dropped: a dropped depth diff would corrupt the book). The feedback channel is
/// unbounded so the loop decision -> risk -> exchange -> decision can never deadlock; it carries only reports and
/// watermarks. With <paramref name="handOffSignals"/> the signals hop is where the chain splits across two threads
/// (Pipeline:MaxSpeedThreads = 2, unpaced replay only): the decision engine and everything after it run on a second
/// thread, fed a batch at a time.
/// </summary>
public sealed class PipelineChannels(int capacity = PipelineChannels.DefaultCapacity, int batchSize = PipelineChannels.DefaultBatchSize, bool handOffSignals = false)
{
    public const int DefaultCapacity = 16;
    public const int DefaultBatchSize = 256;

    /// <summary>
    /// The channels of a run: split across two threads only for an unpaced replay whose Pipeline:MaxSpeedThreads comes to
    /// 2 on this machine (<see cref="PipelineOptions.ResolveMaxSpeedThreads"/>).
    /// </summary>
    public static PipelineChannels For(RunSettings settings, int maxSpeedThreads, int processorCount) =>
        new(handOffSignals: PipelineOptions.ResolveMaxSpeedThreads(maxSpeedThreads, processorCount) == 2 && settings.Replay is not null && settings.Speed is null);

    public BatchChannel<InboundEvent> Inbound { get; } = new(capacity, batchSize);

    public BatchChannel<MarketTick> Ticks { get; } = new(capacity, batchSize);

    public BatchChannel<SignalTick> Signals { get; } = new(capacity, batchSize, handOff: handOffSignals);

    /// <summary>Ticks (by reference into their signals batch) and orders, decision engine -> risk gate.</summary>
    public BatchChannel<OrderFlowItem> ToRisk { get; } = new(capacity, batchSize);

    /// <summary>Ticks (by reference) and orders the gate let through or refused, risk gate -> paper exchange.</summary>
    public BatchChannel<OrderFlowItem> ToExchange { get; } = new(capacity, batchSize);

    /// <summary>
    /// The batches the decision engine and the risk gate put their messages in (see <see cref="OrderFlowItem"/>). Two
    /// are made up front: the first order would otherwise build them (and compile their list's code) inside its latency.
    /// </summary>
    public BatchPool<TradingMessage> Messages { get; } = new BatchPool<TradingMessage>(16).Prefill(2);

    public BatchChannel<ExecutionFeedback> Feedback { get; } = new(capacity, 64, bounded: false);

    /// <summary>Batches waiting in each forward channel (for metrics and the dashboard).</summary>
    public (int Inbound, int Ticks, int Signals, int ToRisk, int ToExchange) Depths =>
        (Inbound.Depth, Ticks.Depth, Signals.Depth, ToRisk.Depth, ToExchange.Depth);
}
