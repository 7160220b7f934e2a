using FlashTrader.Core.Market;
using FlashTrader.Mexc.Book;

namespace FlashTrader.Mexc.Tests.Book;

/// <summary>
/// A depth-snapshot source the test answers by hand: each request waits until the test completes or fails it. The
/// completion runs the requester's continuation inline, so the sync's next steps happen before Complete returns.
/// Requests come from the sync's own task: tests wait for one (<see cref="WaitForRequestAsync"/>) before answering.
/// </summary>
internal sealed class ScriptedSnapshotSource : IDepthSnapshotSource
{
    private readonly Lock _gate = new();
    private readonly List<(string Symbol, int Limit)> _requests = [];
    private TaskCompletionSource<MarketEvent>? _pending;

    public IReadOnlyList<(string Symbol, int Limit)> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    public bool HasPending
    {
        get
        {
            lock (_gate)
            {
                return _pending is not null;
            }
        }
    }

    public ValueTask<MarketEvent> GetDepthSnapshotAsync(string symbol, int symbolId, int limit, DepthLevelsPool pool, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<MarketEvent>();
        cancellationToken.Register(() => pending.TrySetCanceled(cancellationToken));
        lock (_gate)
        {
            _requests.Add((symbol, limit));
            _pending = pending;
        }

        return new ValueTask<MarketEvent>(pending.Task);
    }

    /// <summary>Waits (real time, bounded) until request number <paramref name="count"/> is pending.</summary>
    public Task WaitForRequestAsync(int count) =>
        FlashTrader.Tests.Shared.LoopbackMexcServer.WaitUntilAsync(() => HasPending && Requests.Count == count, $"snapshot request {count}");

    public void Complete(MarketEvent snapshot) => Take().SetResult(snapshot);

    public void Fail(Exception error) => Take().SetException(error);

    private TaskCompletionSource<MarketEvent> Take()
    {
        lock (_gate)
        {
            TaskCompletionSource<MarketEvent> pending = _pending ?? throw new InvalidOperationException("no snapshot request is pending");
            _pending = null;
            return pending;
        }
    }
}
