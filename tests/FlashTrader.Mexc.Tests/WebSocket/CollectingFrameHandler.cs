using System.Collections.Concurrent;
using FlashTrader.Mexc.WebSocket;

namespace FlashTrader.Mexc.Tests.WebSocket;

/// <summary>Keeps a copy of every frame and refusal the client hands over.</summary>
internal sealed class CollectingFrameHandler : IMexcFrameHandler
{
    private readonly ConcurrentQueue<(byte[] Frame, long ReceivedNs)> _frames = new();
    private readonly ConcurrentQueue<MexcSubscriptionRefusedException> _refusals = new();

    public IReadOnlyList<byte[]> Frames => [.. _frames.Select(f => f.Frame)];

    public IReadOnlyList<long> ReceiveTimes => [.. _frames.Select(f => f.ReceivedNs)];

    public IReadOnlyList<MexcSubscriptionRefusedException> Refusals => [.. _refusals];

    public ValueTask OnFrameAsync(ReadOnlyMemory<byte> frame, long receivedUnixNs, CancellationToken cancellationToken)
    {
        _frames.Enqueue((frame.ToArray(), receivedUnixNs));
        return ValueTask.CompletedTask;
    }

    public void OnSubscriptionRefused(MexcSubscriptionRefusedException refusal) => _refusals.Enqueue(refusal);
}
