using System.Diagnostics;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Sessions;
using FlashTrader.Pipeline;

namespace FlashTrader.Reporting;

/// <summary>Collects the summary from the stages once the pipeline has stopped.</summary>
public static class RunSummaryBuilder
{
    public static RunSummary Build(TradingPipeline pipeline, RunStatus status, string fillsCsvPath, IReadOnlyList<string> warnings, SessionPerformance? sessions = null)
    {
        PaperExchange exchange = pipeline.Exchange.Exchange;
        long events = pipeline.MarketState.Events;
        double seconds = status.LastEventTimestamp > status.FirstEventTimestamp
            ? Stopwatch.GetElapsedTime(status.FirstEventTimestamp, status.LastEventTimestamp).TotalSeconds
            : 0;
        LatencyHistogram latency = pipeline.Risk.Latency;
        SteadyState? steady = status.Steady.SecondHalf(events);
        return new RunSummary
        {
            Events = events,
            EventsPerSecond = seconds > 0 ? Math.Round(events / seconds) : 0,
            Signals = pipeline.Signals.Signals,
            Decisions = pipeline.Decision.Engine.Decisions,
            Orders = pipeline.Risk.Risk.Approved,
            Fills = exchange.FillCount,
            RejectedByRisk = pipeline.Risk.Risk.RejectionsByReason(),
            RejectedByExchange = exchange.RejectionsByReason(),
            StartingEquity = RunSummary.Money(exchange.StartingEquity),
            EndingEquity = RunSummary.Money(exchange.Equity),
            RealizedPnl = RunSummary.Money(exchange.RealizedPnl),
            UnrealizedPnl = RunSummary.Money(exchange.UnrealizedPnl),
            Fees = RunSummary.Money(exchange.Fees),
            MaxDrawdown = RunSummary.Money(pipeline.Risk.Risk.MaxDrawdown),
            MaxDrawdownPercent = Math.Round(pipeline.Risk.Risk.MaxDrawdownPercent, 6),
            Balances = exchange.Wallet.Assets.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => RunSummary.Money(exchange.Wallet.Total(x.i)), StringComparer.Ordinal),
            BookResyncs = pipeline.MarketState.BookResyncs,
            BookGaps = pipeline.MarketState.BookGaps,
            DroppedEvents = status.DroppedEvents,
            SkippedEvents = status.SkippedEvents,
            Errors = status.Errors,
            LatencyMicros = new LatencySummary
            {
                P50 = latency.Percentile(50),
                P99 = latency.Percentile(99),
                Max = Math.Round(latency.MaxMicros, 1),
                Count = latency.Count,
            },
            AllocatedBytesPerEvent = events > 0 ? Math.Round((double)(status.AllocatedBytesAtEnd - status.AllocatedBytesAtStart) / events, 3) : 0,
            Gen0Collections = status.Gen0AtEnd - status.Gen0AtStart,
            CpuMicrosPerEvent = Math.Round(status.Steady.CpuMicrosPerEvent(events), 3),
            SteadyState = steady is SteadyState s
                ? new SteadyStateSummary
                {
                    FromEvent = s.FromEvent,
                    Events = s.Events,
                    AllocatedBytesPerEvent = Math.Round(s.AllocatedBytesPerEvent, 3),
                    JournalBytesPerEvent = Math.Round(s.JournalBytesPerEvent, 3),
                    DashboardBytesPerEvent = Math.Round(s.DashboardBytesPerEvent, 3),
                    CpuMicrosPerEvent = Math.Round(s.CpuMicrosPerEvent, 3)
                }
                : null,
            FillsCsv = fillsCsvPath,
            Halted = pipeline.Risk.Risk.HaltReason,
            Warnings = warnings,
            Strategies = [.. pipeline.Signals.Catalog.All.Select(s => new StrategySummary { Name = s.Name, Version = s.Version, Hash = s.Hash, Signals = pipeline.Signals.SignalsOf(s.Id) })],
            Sessions = (sessions?.Results ?? new Dictionary<string, SessionResult>()).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(
                kv => kv.Key,
                kv => new SessionSummary { Fills = kv.Value.Fills, RoundTrips = kv.Value.RoundTrips, Wins = kv.Value.Wins, RealizedPnl = RunSummary.Money(kv.Value.RealizedPnl), Fees = RunSummary.Money(kv.Value.Fees) },
                StringComparer.Ordinal),
            LiveFeed = status.LiveFeed,
        };
    }

    public static string ToConsoleText(RunSummary s)
    {
        var w = new StringWriter { NewLine = "\n" };
        w.WriteLine("FlashTrader run summary");
        w.WriteLine($"  events            {s.Events:N0} ({s.EventsPerSecond:N0}/s)");
        w.WriteLine($"  signals           {s.Signals:N0}");
        w.WriteLine($"  decisions         {s.Decisions:N0}");
        w.WriteLine($"  orders            {s.Orders:N0}");
        w.WriteLine($"  fills             {s.Fills:N0}");
        w.WriteLine($"  rejected by risk  {(s.RejectedByRisk.Count == 0 ? "none" : string.Join(", ", s.RejectedByRisk.Select(kv => $"{kv.Key} {kv.Value}")))}");
        w.WriteLine($"  equity            {s.StartingEquity} -> {s.EndingEquity}");
        w.WriteLine($"  P&L               realized {s.RealizedPnl}, unrealized {s.UnrealizedPnl}, fees {s.Fees}");
        w.WriteLine($"  max drawdown      {s.MaxDrawdown} ({s.MaxDrawdownPercent}%)");
        w.WriteLine($"  balances          {string.Join(", ", s.Balances.Select(kv => $"{kv.Key} {kv.Value}"))}");
        w.WriteLine($"  book              {s.BookResyncs} resyncs, {s.BookGaps} gaps; {s.DroppedEvents} dropped, {s.SkippedEvents} skipped events");
        if (s.LiveFeed is { } feed)
        {
            w.WriteLine($"  live feed         {feed.Connects} connects, {feed.Reconnects} reconnects, {feed.Rotations} rotations, {feed.Gaps} gaps, {feed.Resyncs} resyncs, {feed.MalformedFrames} malformed frames, {feed.FailedSnapshotFetches} failed snapshots");
        }

        w.WriteLine($"  latency (us)      p50 {s.LatencyMicros.P50}, p99 {s.LatencyMicros.P99}, max {s.LatencyMicros.Max} (event received -> order command)");
        w.WriteLine($"  allocation        {s.AllocatedBytesPerEvent} B/event, {s.Gen0Collections} gen0 collections; CPU {s.CpuMicrosPerEvent} us/event");
        if (s.SteadyState is SteadyStateSummary steady)
        {
            w.WriteLine($"  steady state      {steady.AllocatedBytesPerEvent} B/event (journal {steady.JournalBytesPerEvent}, dashboard {steady.DashboardBytesPerEvent}), CPU {steady.CpuMicrosPerEvent} us/event (the last {steady.Events:N0} events, from event {steady.FromEvent:N0})");
        }

        w.WriteLine($"  errors            {s.Errors}");
        foreach (StrategySummary strategy in s.Strategies)
        {
            w.WriteLine($"  strategy          {strategy.Name} {strategy.Version} ({strategy.Hash}): {strategy.Signals:N0} signals");
        }

        foreach ((string session, SessionSummary r) in s.Sessions)
        {
            w.WriteLine($"  session           {session}: {r.Fills} fills, {r.RoundTrips} round trips ({r.Wins} won), realized {r.RealizedPnl}, fees {r.Fees}");
        }

        if (s.Halted is not null)
        {
            w.WriteLine($"  HALTED            {s.Halted}");
        }

        foreach (string warning in s.Warnings)
        {
            w.WriteLine($"  warning           {warning}");
        }

        w.WriteLine($"  fills.csv         {s.FillsCsv}");
        return w.ToString();
    }
}
