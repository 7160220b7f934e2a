using System.Diagnostics;

namespace FlashTrader.Core.Pipeline;

/// <summary>
/// The one place the pipeline reads a clock: a monotonic timestamp for latency measurement only. Trading decisions use
/// event time, so replays stay deterministic; tests pass a fixed source.
/// </summary>
public class TimeSource
{
    public static readonly TimeSource Stopwatch = new();

    public virtual long Timestamp() => System.Diagnostics.Stopwatch.GetTimestamp();

    public virtual double ElapsedMicros(long since) =>
        since == 0 ? 0 : (Timestamp() - since) * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency;
}
