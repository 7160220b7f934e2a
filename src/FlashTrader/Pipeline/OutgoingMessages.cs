using FlashTrader.Core.Pipeline;

namespace FlashTrader.Pipeline;

/// <summary>
/// The messages (orders, verdicts, reports, operator commands) a hosted stage writes while it handles one input batch:
/// kept in a batch from the shared pool, sent on by reference (<see cref="OrderFlowItem"/>), and handed back by the
/// exchange stage when it reaches the release item that follows their last use. The decision engine and the risk gate
/// each keep one.
/// </summary>
public sealed class OutgoingMessages(BatchPool<TradingMessage> pool)
{
    private Batch<TradingMessage>? _batch;

    /// <summary>The list the stage's core class appends its messages to (a batch is rented on first use).</summary>
    public List<TradingMessage> List => (_batch ??= pool.Rent()).List;

    public int Count => _batch?.Count ?? 0;

    /// <summary>Sends on, in order, the messages written from <paramref name="first"/> on.</summary>
    public void Forward(int first, List<OrderFlowItem> outputs)
    {
        if (_batch is not { } batch)
        {
            return;
        }

        for (int k = first; k < batch.Count; k++)
        {
            outputs.Add(OrderFlowItem.ForMessage(batch, k));
        }
    }

    /// <summary>
    /// At the end of an input batch: the release item for the messages written during it, if any, so the next input
    /// batch starts a new batch of messages.
    /// </summary>
    public void ReleaseAfter(BatchWriter<OrderFlowItem> output)
    {
        if (_batch is { Count: > 0 } batch)
        {
            output.Filling().Add(OrderFlowItem.ReleaseOf(batch));
            _batch = null;
        }
    }
}
