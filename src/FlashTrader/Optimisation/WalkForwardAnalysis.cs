using System.Text.Json;
using FlashTrader.Backtesting;
using FlashTrader.Core.Backtesting;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Time;
using FlashTrader.Reporting;

namespace FlashTrader.Optimisation;

/// <summary>
/// Walk-forward analysis: for each rolling fold, every trial runs on the in-sample window only (it never sees an event
/// at or after the out-of-sample start), the best by objective is chosen, and that parameter set alone runs on the
/// out-of-sample window, starting from a fresh account and books primed by snapshots of the market before it.
/// The out-of-sample equity curves are chained into one (each fold's returns compounded on the previous fold's end),
/// and the walk-forward efficiency is the out-of-sample return per unit time over the in-sample one.
/// </summary>
public sealed class WalkForwardAnalysis(TrialRunner runner, TrialPlan plan, MarketTape tape, InstrumentSet instruments, BacktestSetup setup, string objective)
{
    public sealed record FoldResult(WalkForwardFold Fold, int InSampleEvents, int OutOfSampleEvents, TrialOutcome Best, PerformanceMetrics OutOfSample, double? Efficiency);

    public (IReadOnlyList<FoldResult> Folds, PerformanceMetrics Combined, double? Efficiency) Run(int folds, string outDir, TextWriter log)
    {
        IReadOnlyList<WalkForwardFold> folds2 = WalkForwardPlanner.Plan(tape.StartNs, tape.EndNs + 1, folds);
        var results = new List<FoldResult>();
        var combined = new EquityStatistics();
        var combinedTrades = new RoundTripLedger(instruments.Count, keepTrips: false);
        decimal scale = 1;
        foreach (WalkForwardFold fold in folds2)
        {
            BacktestWindow inSample = BacktestWindow.Between(tape, fold.InSampleStartNs, fold.InSampleEndNs, instruments);
            BacktestWindow outOfSample = BacktestWindow.Between(tape, fold.OutOfSampleStartNs, fold.OutOfSampleEndNs, instruments);
            TrialOutcome? best = null;
            string path = Path.Combine(outDir, $"results-fold-{fold.Index}.csv");
            using (var csv = new StreamWriter(path, false, BacktestReport.Utf8) { NewLine = "\n" })
            {
                csv.WriteLine(ResultsCsv.Header(plan.Space));
                runner.Run(plan.Count, k => plan[k], inSample, o =>
                {
                    csv.WriteLine(ResultsCsv.Row(o));
                    if (best is null || o.Objective > best.Objective)
                    {
                        best = o;
                    }
                }, ProgressLine(log, $"fold {fold.Index} in-sample"));
            }

            var options = setup.Bind(best!.Trial.Settings(plan.Space));
            BacktestResult oos = new BacktestSimulation(options, keepDetail: true).Run(tape, outOfSample);
            foreach (ExecutionReport fill in oos.Fills)
            {
                combinedTrades.OnFill(fill, -1);
            }

            combinedTrades.Finish(oos.EndNs);
            combinedTrades.ForgetOpenPositions();

            // Chain: this fold's curve scaled so it starts where the combined curve ended.
            for (int i = 0; i < oos.Equity.Count; i++)
            {
                EquityPoint p = oos.Equity[i];
                if (i == 0 && combined.Samples > 0)
                {
                    scale = combined.Last / p.Equity;
                    continue;
                }

                combined.Add(p.TimeNs, p.Equity * scale);
            }

            results.Add(new FoldResult(fold, inSample.To - inSample.From, outOfSample.To - outOfSample.From, best, oos.Metrics,
                Efficiency(oos.Metrics.ReturnPercent, fold.OutOfSampleDurationNs, best.Metrics.ReturnPercent, fold.InSampleDurationNs)));
            log.WriteLine($"fold {fold.Index}: in-sample best trial {best.Trial.Index} ({best.Metrics.NetPnl:0.########} IS), out-of-sample net P&L {RunSummary.Money(oos.Metrics.NetPnl)}");
        }

        PerformanceMetrics all = PerformanceCalculator.Compute(combined, combinedTrades, folds2[0].OutOfSampleStartNs, folds2[^1].OutOfSampleEndNs);
        long oosDuration = folds2.Sum(f => f.OutOfSampleDurationNs);
        double meanInSampleReturn = results.Average(r => r.Best.Metrics.ReturnPercent);
        double? efficiency = Efficiency(all.ReturnPercent, oosDuration, meanInSampleReturn, folds2[0].InSampleDurationNs);
        Write(Path.Combine(outDir, "walkforward.json"), results, all, efficiency);
        return (results, all, efficiency);
    }

    /// <summary>(OOS return per unit time) / (IS return per unit time); undefined when the in-sample return is not positive.</summary>
    public static double? Efficiency(double oosReturnPercent, long oosDurationNs, double isReturnPercent, long isDurationNs) =>
        isReturnPercent <= 0 || oosDurationNs <= 0 || isDurationNs <= 0 ? null : oosReturnPercent / oosDurationNs / (isReturnPercent / isDurationNs);

    private void Write(string path, IReadOnlyList<FoldResult> folds, PerformanceMetrics combined, double? efficiency)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("objective", objective);
        w.WriteNumber("trialsPerFold", plan.Count);
        w.WriteString("efficiencyDefinition", "out-of-sample return per unit time over in-sample return per unit time (null when the in-sample return is not positive)");
        w.WriteStartArray("folds");
        foreach (FoldResult f in folds)
        {
            w.WriteStartObject();
            w.WriteNumber("fold", f.Fold.Index);
            w.WriteString("inSampleStart", EpochTimestamp.ToIso8601(f.Fold.InSampleStartNs));
            w.WriteString("inSampleEnd", EpochTimestamp.ToIso8601(f.Fold.InSampleEndNs));
            w.WriteString("outOfSampleStart", EpochTimestamp.ToIso8601(f.Fold.OutOfSampleStartNs));
            w.WriteString("outOfSampleEnd", EpochTimestamp.ToIso8601(f.Fold.OutOfSampleEndNs));
            w.WriteNumber("inSampleEvents", f.InSampleEvents);
            w.WriteNumber("outOfSampleEvents", f.OutOfSampleEvents);
            w.WriteNumber("bestTrial", f.Best.Trial.Index);
            w.WriteStartObject("parameters");
            for (int i = 0; i < plan.Space.Axes.Count; i++)
            {
                w.WriteString(plan.Space.Axes[i].Key, f.Best.Trial.Values[i]);
            }

            w.WriteEndObject();
            BacktestReport.Number(w, "inSampleObjective", f.Best.Objective);
            w.WritePropertyName("inSample");
            BacktestReport.WriteMetrics(w, f.Best.Metrics);
            w.WritePropertyName("outOfSample");
            BacktestReport.WriteMetrics(w, f.OutOfSample);
            BacktestReport.Number(w, "efficiency", f.Efficiency);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("combinedOutOfSample");
        BacktestReport.WriteMetrics(w, combined);
        BacktestReport.Number(w, "walkForwardEfficiency", efficiency);
        w.WriteEndObject();
    }

    private static Action<long, long> ProgressLine(TextWriter log, string what)
    {
        int last = -1;
        return (done, total) =>
        {
            int quarter = total == 0 ? 4 : (int)(done * 4 / total);
            if (quarter != last)
            {
                last = quarter;
                log.WriteLine($"{what}: {done}/{total} trials");
            }
        };
    }
}
