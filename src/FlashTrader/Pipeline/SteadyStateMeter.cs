namespace FlashTrader.Pipeline;

/// <summary>
/// What a run costs once it has warmed up. Books, depth-buffer pools, batches and tapes grow to the market's working
/// size early in a run, so the whole run's bytes per event overstates the steady state. The meter samples the
/// process's allocated bytes and CPU time as the event count passes each power of two (from 4,096); at the end it
/// reports the second half of the run: from the last mark at or before half the events. It also keeps apart what is
/// not per market event: the journal (SQLite commits, fills.csv and the trade log, per order and report) and the
/// dashboard's snapshots (per publish interval), each measured exactly on the thread that does it. Sampling is one
/// compare per batch and one counter read per mark (about 50 in a run), so the live bot pays nothing for it.
/// </summary>
public sealed class SteadyStateMeter
{
    private const int FirstMark = 4_096;
    private const int MaxMarks = 64;
    private readonly Sample[] _marks = new Sample[MaxMarks];
    private long _next = FirstMark;
    private int _count;
    private long _journalBytes;
    private long _dashboardBytes;
    private TimeSpan _startCpu;
    private Sample _end;

    /// <summary>Called by the source as the first event goes out.</summary>
    public void Start() => _startCpu = Environment.CpuUsage.TotalTime;

    /// <summary>Called by the first stage after each batch with the events it has handled so far.</summary>
    public void Observe(long events)
    {
        if (events < _next || _count == MaxMarks)
        {
            return;
        }

        _marks[_count++] = Take(events);
        while (_next <= events)
        {
            _next *= 2;
        }
    }

    /// <summary>Bytes the exchange stage allocated recording what happened (journal commit, fills.csv, trade log).</summary>
    public void AddJournalBytes(long bytes) => Interlocked.Add(ref _journalBytes, bytes);

    /// <summary>Bytes a stage allocated building dashboard snapshots.</summary>
    public void AddDashboardBytes(long bytes) => Interlocked.Add(ref _dashboardBytes, bytes);

    /// <summary>Called by the last stage once everything has drained.</summary>
    public void Finish(long events) => _end = Take(events);

    /// <summary>Process CPU time (all threads) per event over the whole event flow, in µs.</summary>
    public double CpuMicrosPerEvent(long events) => events > 0 ? (_end.Cpu - _startCpu).TotalMicroseconds / events : 0;

    /// <summary>The second half of a run of <paramref name="events"/> events; null when the run was too short to have one.</summary>
    public SteadyState? SecondHalf(long events)
    {
        int mark = -1;
        for (int i = 0; i < _count; i++)
        {
            if (_marks[i].Events <= events / 2)
            {
                mark = i;
            }
        }

        if (mark < 0)
        {
            return null;
        }

        Sample from = _marks[mark];
        double measured = events - from.Events;
        return new SteadyState(
            from.Events,
            events - from.Events,
            (_end.Bytes - from.Bytes) / measured,
            (_end.JournalBytes - from.JournalBytes) / measured,
            (_end.DashboardBytes - from.DashboardBytes) / measured,
            (_end.Cpu - from.Cpu).TotalMicroseconds / measured);
    }

    private Sample Take(long events) => new(
        events, GC.GetTotalAllocatedBytes(precise: true), Interlocked.Read(ref _journalBytes), Interlocked.Read(ref _dashboardBytes), Environment.CpuUsage.TotalTime);

    private readonly record struct Sample(long Events, long Bytes, long JournalBytes, long DashboardBytes, TimeSpan Cpu);
}

/// <summary>
/// Per event from event <see cref="FromEvent"/> to the end of the run: bytes allocated by the whole process, the part
/// of them the journal and the dashboard snapshots account for, and process CPU time.
/// </summary>
public readonly record struct SteadyState(long FromEvent, long Events, double AllocatedBytesPerEvent, double JournalBytesPerEvent, double DashboardBytesPerEvent,
    double CpuMicrosPerEvent);
