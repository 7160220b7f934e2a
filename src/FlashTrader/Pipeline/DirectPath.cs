using FlashTrader.Core.Pipeline;

namespace FlashTrader.Pipeline;

/// <summary>
/// The direct path for a lone event (Pipeline:DirectPath): when the whole chain is idle — every stage parked on an empty
/// input, nothing pending, nothing in flight — the source hands the event's batch to the market-state stage by a direct
/// call, and each stage hands its outputs to the next the same way, on the source's thread, instead of four channel
/// writes and reads (the channel's lock, the reader's continuation, its async state machine). The stages, their order,
/// their batches and messages, the journal and the dashboard taps are the same as through the channels; only the hops
/// differ. When anything is queued or running (a burst, a stage still busy, a stage not started yet) the event goes
/// through the channels as before. Only a paced replay uses it; an unpaced one fills batches and keeps the channels.
/// </summary>
public sealed class DirectPath(PipelineChannels channels, bool enabled)
{
    private bool _ready;

    public bool IsEnabled => enabled;

    /// <summary>Batches carried by direct calls.</summary>
    public long Direct { get; private set; }

    /// <summary>Batches that went through the channels because the chain was not idle.</summary>
    public long ViaChannels { get; private set; }

    /// <summary>
    /// Hands the writer's pending batch through the idle chain by direct calls; false (nothing taken) when the path is
    /// off or the chain is not idle: the caller then flushes the writer to the channel.
    /// </summary>
    public bool TrySend(BatchWriter<InboundEvent> writer)
    {
        if (!enabled || !IsReady() || !channels.Inbound.DirectReader!.IsChainIdle)
        {
            ViaChannels += enabled ? 1 : 0;
            return false;
        }

        if (writer.TakePending() is { } batch)
        {
            Direct++;
            channels.Inbound.DirectReader!.HandleDirect(batch);
        }

        return true;
    }

    // Every stage has registered as its input's reader (a stage loop registers as it starts).
    private bool IsReady() =>
        _ready || (_ready = channels.Inbound.DirectReader is not null && channels.Ticks.DirectReader is not null && channels.Signals.DirectReader is not null
            && channels.ToRisk.DirectReader is not null && channels.ToExchange.DirectReader is not null && !channels.Signals.IsHandOff);
}
