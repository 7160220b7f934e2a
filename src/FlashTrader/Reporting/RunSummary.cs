using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashTrader.Reporting;

/// <summary>The run summary: printed at exit and, with --summary, written as JSON. Money as exact decimal strings.</summary>
public sealed record RunSummary
{
    public long Events { get; init; }

    public double EventsPerSecond { get; init; }

    public long Signals { get; init; }

    public long Decisions { get; init; }

    public long Orders { get; init; }

    public long Fills { get; init; }

    public IReadOnlyDictionary<string, long> RejectedByRisk { get; init; } = new Dictionary<string, long>();

    public IReadOnlyDictionary<string, long> RejectedByExchange { get; init; } = new Dictionary<string, long>();

    public string StartingEquity { get; init; } = "0";

    public string EndingEquity { get; init; } = "0";

    public string RealizedPnl { get; init; } = "0";

    public string UnrealizedPnl { get; init; } = "0";

    public string Fees { get; init; } = "0";

    public string MaxDrawdown { get; init; } = "0";

    public double MaxDrawdownPercent { get; init; }

    public IReadOnlyDictionary<string, string> Balances { get; init; } = new Dictionary<string, string>();

    public long BookResyncs { get; init; }

    public long BookGaps { get; init; }

    public long DroppedEvents { get; init; }

    public long SkippedEvents { get; init; }

    public int Errors { get; init; }

    public LatencySummary LatencyMicros { get; init; } = new();

    public double AllocatedBytesPerEvent { get; init; }

    public int Gen0Collections { get; init; }

    /// <summary>Process CPU time (all threads) per event over the event flow: a work figure a busy machine barely moves.</summary>
    public double CpuMicrosPerEvent { get; init; }

    /// <summary>The run's second half, once books, pools and batches have grown: absent for a run too short to have one.</summary>
    public SteadyStateSummary? SteadyState { get; init; }

    public string FillsCsv { get; init; } = "";

    public string? Halted { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Every strategy version that ran (hot swaps add versions), with the signals it emitted.</summary>
    public IReadOnlyList<StrategySummary> Strategies { get; init; } = [];

    /// <summary>Results per trading session label ("asia", "europe+us", "off-hours"), positions credited to their entry's session.</summary>
    public IReadOnlyDictionary<string, SessionSummary> Sessions { get; init; } = new Dictionary<string, SessionSummary>();

    /// <summary>The live MEXC connection's counters; null (and left out of the JSON) for a replay.</summary>
    public LiveFeedSummary? LiveFeed { get; init; }

    /// <summary>Wall-clock fields, excluded when comparing runs for determinism.</summary>
    public static readonly string[] WallClockFields = ["eventsPerSecond", "latencyMicros", "allocatedBytesPerEvent", "gen0Collections", "cpuMicrosPerEvent", "steadyState"];

    public string ToJson() => JsonSerializer.Serialize(this, RunSummaryJsonContext.Default.RunSummary);

    /// <summary>An exact decimal string without trailing zeros (dividing by 1.000… normalizes the scale).</summary>
    public static string Money(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}

public sealed record StrategySummary
{
    public string Name { get; init; } = "";

    public string Version { get; init; } = "";

    public string Hash { get; init; } = "";

    public long Signals { get; init; }
}

public sealed record SessionSummary
{
    public long Fills { get; init; }

    public long RoundTrips { get; init; }

    public long Wins { get; init; }

    public string RealizedPnl { get; init; } = "0";

    public string Fees { get; init; } = "0";
}

public sealed record SteadyStateSummary
{
    public long FromEvent { get; init; }

    public long Events { get; init; }

    public double AllocatedBytesPerEvent { get; init; }

    /// <summary>The part of <see cref="AllocatedBytesPerEvent"/> the journal accounts for (SQLite commits, fills.csv, trade log: per order and report).</summary>
    public double JournalBytesPerEvent { get; init; }

    /// <summary>The part the dashboard's snapshots account for (per publish interval).</summary>
    public double DashboardBytesPerEvent { get; init; }

    public double CpuMicrosPerEvent { get; init; }
}

public sealed record LatencySummary
{
    public double P50 { get; init; }

    public double P99 { get; init; }

    public double Max { get; init; }

    public long Count { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class RunSummaryJsonContext : JsonSerializerContext;
