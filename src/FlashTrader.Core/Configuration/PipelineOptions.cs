namespace FlashTrader.Core.Configuration;

/// <summary>How the hosted pipeline uses the machine's cores.</summary>
public sealed class PipelineOptions
{
    /// <summary>
    /// Threads an unpaced replay (<c>--replay</c> without <c>--speed</c>) runs its stages on. 1: the whole chain on the
    /// source's thread. 2: the market side (decoding, books, strategies) on one thread and the order side (decision,
    /// risk, paper exchange, journal) on another, handed over a batch at a time at the signals hop. 0 (the default):
    /// 2 on a machine with at least two cores, else 1. Paced replays and live runs always keep the whole chain on one
    /// thread: a hand-off per event would add a wake-up to each decision's latency. Fills and summary are the same
    /// either way (the decision engine's watermark wait does not depend on scheduling).
    /// </summary>
    public int MaxSpeedThreads { get; set; }

    /// <summary>What <see cref="MaxSpeedThreads"/> comes to on a machine with <paramref name="processorCount"/> cores.</summary>
    public static int ResolveMaxSpeedThreads(int configured, int processorCount) =>
        configured != 0 ? configured : processorCount >= 2 ? 2 : 1;

    /// <summary>
    /// While a paced replay (<c>--speed</c>) waits for its next event, a warm pass (an empty batch, no state change) goes
    /// through every hop of the chain every this many microseconds, so the hops' code and data are still in the CPU's
    /// caches when the event comes; 0 (the default) turns it off. It costs CPU while idle and starts no pass within 50 µs
    /// of an event, but a pass preempted on a loaded machine can still run past the event's due time (README, "Decision
    /// latency").
    /// </summary>
    public int WarmIntervalMicros { get; set; }

    /// <summary>
    /// In a paced replay (<c>--speed</c>), an event that finds the whole chain idle (nothing queued, no stage busy) is
    /// carried through the five stages by direct calls on the source's thread instead of four channel writes and reads;
    /// a burst, or a stage still busy, goes through the channels as before. The same stages in the same order: fills
    /// and summary are the same either way (README, "Decision latency").
    /// </summary>
    public bool DirectPath { get; set; }
}
