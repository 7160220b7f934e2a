using System.Globalization;
using System.Text;
using System.Text.Json;
using FlashTrader.Core.Backtesting;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Time;
using FlashTrader.Reporting;

namespace FlashTrader.Backtesting;

/// <summary>
/// report.json: the run, its metrics (money as exact decimal strings), the breakdowns per symbol, session and signal
/// source, and the pipeline's counts. Written with a fixed key order and no wall-clock values, so two runs of the same
/// backtest produce identical bytes.
/// </summary>
public static class BacktestReport
{
    public const string Annualisation =
        "Sharpe and Sortino: mean over standard deviation (Sortino: over downside deviation, target 0) of the equity's " +
        "per-minute simple returns, times sqrt(525600) (minutes in a 365-day year)";

    public static IReadOnlyList<BreakdownRow> BySymbol(BacktestResult result, InstrumentSet instruments) =>
        PerformanceBreakdown.By(result.Trips, [.. instruments.All.Select(i => i.Symbol)], t => instruments[t.SymbolId].Symbol);

    public static IReadOnlyList<BreakdownRow> BySignalSource(BacktestResult result) =>
        PerformanceBreakdown.By(result.Trips, [.. result.Pipeline.Signals.StrategyNames, "none"], t => SourceName(result, t.SignalSource));

    public static string SourceName(BacktestResult result, int source) =>
        source < 0 ? "none" : result.Pipeline.Signals.StrategyNames[source];

    public static void Write(string path, BacktestRunInfo run, BacktestResult result)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        InstrumentSet instruments = result.Pipeline.Instruments;
        w.WriteStartObject();
        w.WriteString("recording", run.Recording);
        w.WriteNumber("events", result.Events);
        w.WriteString("start", EpochTimestamp.ToIso8601(result.StartNs));
        w.WriteString("end", EpochTimestamp.ToIso8601(result.EndNs));
        w.WriteNumber("seed", run.Seed);
        w.WriteStartArray("settings");
        foreach (string s in run.Settings)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
        w.WriteStartArray("signalSources");
        foreach (string s in result.Pipeline.Signals.StrategyNames)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
        w.WriteString("annualisation", Annualisation);
        w.WritePropertyName("metrics");
        WriteMetrics(w, result.Metrics);
        WriteRows(w, "bySymbol", BySymbol(result, instruments));
        WriteRows(w, "bySession", PerformanceBreakdown.BySession(result.Trips));
        WriteRows(w, "bySignalSource", BySignalSource(result));
        w.WriteStartArray("openPositions");
        foreach (RoundTrip open in result.OpenPositions)
        {
            w.WriteStartObject();
            w.WriteString("symbol", instruments[open.SymbolId].Symbol);
            w.WriteString("entryTime", EpochTimestamp.ToIso8601(open.EntryTimeNs));
            w.WriteString("quantity", open.Quantity.ToString());
            w.WriteString("entryValue", RunSummary.Money(open.EntryValue));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteCounts(w, result.Pipeline);
        w.WriteEndObject();
    }

    public static void WriteMetrics(Utf8JsonWriter w, PerformanceMetrics m)
    {
        w.WriteStartObject();
        w.WriteString("startingEquity", RunSummary.Money(m.StartingEquity));
        w.WriteString("endingEquity", RunSummary.Money(m.EndingEquity));
        w.WriteString("netPnl", RunSummary.Money(m.NetPnl));
        Number(w, "returnPercent", m.ReturnPercent);
        Number(w, "sharpe", m.Sharpe);
        Number(w, "sortino", m.Sortino);
        Number(w, "sharpePerPeriod", m.SharpePerPeriod);
        w.WriteNumber("returnObservations", m.ReturnObservations);
        Number(w, "returnSkewness", m.ReturnSkewness);
        Number(w, "returnKurtosis", m.ReturnKurtosis);
        Number(w, "periodsPerYear", m.PeriodsPerYear);
        w.WriteString("maxDrawdown", RunSummary.Money(m.MaxDrawdown));
        Number(w, "maxDrawdownPercent", m.MaxDrawdownPercent);
        Number(w, "maxDrawdownDurationSeconds", m.MaxDrawdownDurationNs / 1e9);
        w.WriteNumber("trades", m.Trades);
        w.WriteNumber("wins", m.Wins);
        w.WriteNumber("losses", m.Losses);
        Number(w, "winRatePercent", m.WinRatePercent);
        Number(w, "profitFactor", m.ProfitFactor);
        w.WriteString("expectancy", RunSummary.Money(decimal.Round(m.Expectancy, 8)));
        w.WriteString("averageWin", RunSummary.Money(decimal.Round(m.AverageWin, 8)));
        w.WriteString("averageLoss", RunSummary.Money(decimal.Round(m.AverageLoss, 8)));
        Number(w, "timeInMarketPercent", m.TimeInMarketPercent);
        w.WriteString("turnover", RunSummary.Money(m.Turnover));
        Number(w, "turnoverRatio", m.TurnoverRatio);
        w.WriteString("fees", RunSummary.Money(m.Fees));
        w.WriteNumber("fills", m.Fills);
        Number(w, "durationSeconds", m.DurationNs / 1e9);
        w.WriteEndObject();
    }

    private static void WriteRows(Utf8JsonWriter w, string name, IReadOnlyList<BreakdownRow> rows)
    {
        w.WriteStartArray(name);
        foreach (BreakdownRow r in rows)
        {
            w.WriteStartObject();
            w.WriteString("key", r.Key);
            w.WriteNumber("trades", r.Trades);
            w.WriteNumber("wins", r.Wins);
            w.WriteNumber("losses", r.Losses);
            Number(w, "winRatePercent", r.WinRatePercent);
            w.WriteString("netPnl", RunSummary.Money(r.NetPnl));
            w.WriteString("fees", RunSummary.Money(r.Fees));
            Number(w, "profitFactor", r.ProfitFactor);
            w.WriteString("expectancy", RunSummary.Money(decimal.Round(r.Expectancy, 8)));
            w.WriteString("turnover", RunSummary.Money(r.Turnover));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteCounts(Utf8JsonWriter w, TradingPipeline pipeline)
    {
        PaperExchange exchange = pipeline.Exchange.Exchange;
        w.WriteStartObject("counts");
        w.WriteNumber("signals", pipeline.Signals.Signals);
        w.WriteNumber("decisions", pipeline.Decision.Engine.Decisions);
        w.WriteNumber("orders", pipeline.Risk.Risk.Approved);
        w.WriteNumber("fills", exchange.FillCount);
        w.WriteStartObject("rejectedByRisk");
        foreach ((string k, long v) in pipeline.Risk.Risk.RejectionsByReason())
        {
            w.WriteNumber(k, v);
        }

        w.WriteEndObject();
        w.WriteStartObject("rejectedByExchange");
        foreach ((string k, long v) in exchange.RejectionsByReason())
        {
            w.WriteNumber(k, v);
        }

        w.WriteEndObject();
        w.WriteNumber("bookResyncs", pipeline.MarketState.BookResyncs);
        w.WriteNumber("bookGaps", pipeline.MarketState.BookGaps);
        if (pipeline.Risk.Risk.HaltReason is string halted)
        {
            w.WriteString("halted", halted);
        }

        w.WriteEndObject();
    }

    /// <summary>A finite number as JSON; NaN, infinities and absent values as null.</summary>
    public static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    public static string Invariant(double? value) =>
        value is double v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    public static string Seconds(long ns) => (ns / 1e9).ToString("0.###", CultureInfo.InvariantCulture);

    internal static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
}
