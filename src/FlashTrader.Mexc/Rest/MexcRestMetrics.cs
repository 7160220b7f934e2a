using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FlashTrader.Mexc.Rest;

/// <summary>
/// Where a REST call's time goes: our own work (building and signing the request, parsing the response) apart from
/// the network round trip (send to last byte received). Published as System.Diagnostics.Metrics histograms on the
/// meter "FlashTrader.Mexc.Rest" (microseconds) and kept as running totals for a status line. Thread-safe.
/// </summary>
public sealed class MexcRestMetrics : IDisposable
{
    public const string MeterName = "FlashTrader.Mexc.Rest";

    private readonly Meter _meter;
    private readonly Histogram<double> _overhead;
    private readonly Histogram<double> _roundTrip;
    private long _calls;
    private long _overheadTicks;
    private long _roundTripTicks;
    private long _maxOverheadTicks;

    public MexcRestMetrics()
    {
        _meter = new Meter(MeterName);
        _overhead = _meter.CreateHistogram<double>("flashtrader.mexc.rest.client_overhead", "us", "time spent in our code per request: building, signing, parsing");
        _roundTrip = _meter.CreateHistogram<double>("flashtrader.mexc.rest.round_trip", "us", "network round trip per request attempt, send to last byte");
    }

    /// <summary>This client's meter (one per client, so listeners can tell clients apart).</summary>
    public Meter Meter => _meter;

    /// <summary>Request attempts that got a response.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    public TimeSpan TotalClientOverhead => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _overheadTicks));

    public TimeSpan TotalRoundTrip => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _roundTripTicks));

    public TimeSpan MaxClientOverhead => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _maxOverheadTicks));

    public TimeSpan MeanClientOverhead => Calls == 0 ? TimeSpan.Zero : TotalClientOverhead / Calls;

    public TimeSpan MeanRoundTrip => Calls == 0 ? TimeSpan.Zero : TotalRoundTrip / Calls;

    /// <summary>Records one call; both arguments are <see cref="Stopwatch"/> tick counts.</summary>
    public void Record(long overheadTicks, long roundTripTicks)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _overheadTicks, overheadTicks);
        Interlocked.Add(ref _roundTripTicks, roundTripTicks);
        long max;
        while (overheadTicks > (max = Interlocked.Read(ref _maxOverheadTicks)) &&
               Interlocked.CompareExchange(ref _maxOverheadTicks, overheadTicks, max) != max)
        {
        }

        _overhead.Record(Stopwatch.GetElapsedTime(0, overheadTicks).TotalMicroseconds);
        _roundTrip.Record(Stopwatch.GetElapsedTime(0, roundTripTicks).TotalMicroseconds);
    }

    public void Dispose() => _meter.Dispose();
}
