using System.Diagnostics;
using FlashTrader.Core.Pipeline;

namespace FlashTrader.Pipeline;

/// <summary>
/// Keeps the chain warm while the feed is quiet (Pipeline:WarmIntervalMicros): an empty batch written to the inbound
/// channel goes through every hop and stage loop on the writer's thread (synchronous continuations) — each stage reads
/// it, hands it back to its pool and sends an empty one on (the decision engine: the release of it, as after any
/// batch) — so the channels, the stages' loops and the batch pools are in the CPU's caches when the next event comes.
/// It carries no item: no stage's state changes and no periodic work runs for it. Only a source that waits for its
/// next event runs passes, and only when the pass cannot reach into the event's due time.
/// </summary>
public sealed class WarmPass(BatchChannel<InboundEvent> inbound, int intervalMicros)
{
    private readonly BatchWriter<InboundEvent> _writer = new(inbound);
    private long _ticks;
    private long _maxLateTicks;

    /// <summary>Seconds between passes while waiting; 0 when warm passes are off.</summary>
    public double IntervalSeconds { get; } = intervalMicros / 1e6;

    public bool IsEnabled => intervalMicros > 0;

    /// <summary>Passes run so far.</summary>
    public long Passes { get; private set; }

    /// <summary>Passes that ended after the event being waited for was due (it was then handled that much late).</summary>
    public long Late { get; private set; }

    /// <summary>The most a pass ran past the due time of the event being waited for, µs.</summary>
    public double MaxLateMicros => _maxLateTicks * 1e6 / Stopwatch.Frequency;

    /// <summary>Mean time of a pass, µs.</summary>
    public double MeanMicros => Passes == 0 ? 0 : _ticks * 1e6 / Stopwatch.Frequency / Passes;

    /// <summary>Runs one pass through the whole chain; <paramref name="dueTimestamp"/> is when the next event is due.</summary>
    public void Run(long dueTimestamp)
    {
        long start = Stopwatch.GetTimestamp();
        _writer.SendEmpty();
        long end = Stopwatch.GetTimestamp();
        _ticks += end - start;
        Passes++;
        if (end > dueTimestamp)
        {
            Late++;
            _maxLateTicks = Math.Max(_maxLateTicks, end - dueTimestamp);
        }
    }
}
