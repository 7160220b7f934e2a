using Microsoft.Extensions.Hosting;

namespace FlashTrader.Pipeline;

/// <summary>How the run is going: faults, counters the summary reports, and the stop signal for the source.</summary>
public sealed class RunStatus(IHostApplicationLifetime lifetime) : IDisposable
{
    private readonly CancellationTokenSource _stopSource = new();
    private int _errors;

    /// <summary>Cancelled when the source must stop producing (duration elapsed, signal, fault, or end of replay).</summary>
    public CancellationToken SourceStopping => _stopSource.Token;

    public int Errors => _errors;

    public Exception? FirstFault { get; private set; }

    public string? FaultedStage { get; private set; }

    /// <summary>Events the source skipped because their symbol is not an enabled pair.</summary>
    public long SkippedEvents { get; set; }

    public long DroppedEvents { get; set; }

    /// <summary>Wall-clock span of the run's event flow, for events/s.</summary>
    public long FirstEventTimestamp { get; set; }

    public long LastEventTimestamp { get; set; }

    public long AllocatedBytesAtStart { get; set; }

    public long AllocatedBytesAtEnd { get; set; }

    /// <summary>Allocation and CPU time of the run's second half (the steady state).</summary>
    public SteadyStateMeter Steady { get; } = new();

    public int Gen0AtStart { get; set; }

    public int Gen0AtEnd { get; set; }

    public bool SourceCompleted { get; set; }

    public string? SourceWarning { get; set; }

    /// <summary>Set by the live source when it stops: its connection and book-sync counters for the summary.</summary>
    public Reporting.LiveFeedSummary? LiveFeed { get; set; }

    /// <summary>Set by the live source while it runs: reads its counters as they stand, for the dashboard.</summary>
    public Func<Reporting.LiveFeedSummary>? LiveFeedNow { get; set; }

    /// <summary>Set when the recording turned out to be corrupt: the process exits with code 3.</summary>
    public bool CorruptInput { get; set; }

    public void StopSource() => _stopSource.Cancel();

    public void Dispose() => _stopSource.Dispose();

    public void CountError() => Interlocked.Increment(ref _errors);

    public void Fault(string stage, Exception ex)
    {
        CountError();
        lock (_stopSource)
        {
            FirstFault ??= ex;
            FaultedStage ??= stage;
        }

        StopSource();
        lifetime.StopApplication();
    }
}
