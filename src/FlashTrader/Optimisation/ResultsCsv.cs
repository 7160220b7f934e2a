using System.Globalization;
using FlashTrader.Backtesting;
using FlashTrader.Cli;
using FlashTrader.Core.Backtesting;
using FlashTrader.Reporting;

namespace FlashTrader.Optimisation;

/// <summary>
/// results.csv: one row per trial, in trial order: <c>trial</c>, one column per parameter key, the objective, then the
/// metrics (money exact). Rows are written as trials finish (in order), so a search of any size keeps none of them.
/// </summary>
public static class ResultsCsv
{
    public static readonly string[] MetricColumns =
    [
        "objective", "netPnl", "returnPercent", "sharpe", "sortino", "maxDrawdown", "maxDrawdownPercent", "trades", "winRatePercent",
        "profitFactor", "expectancy", "fees", "sharpePerPeriod", "returnObservations", "returnSkewness", "returnKurtosis",
    ];

    public static string Header(ParameterSpace space) =>
        string.Join(',', ["trial", .. space.Axes.Select(a => BacktestReport.Csv(a.Key)), .. MetricColumns]);

    public static string Row(TrialOutcome o)
    {
        PerformanceMetrics m = o.Metrics;
        return string.Join(',',
        [
            o.Trial.Index.ToString(CultureInfo.InvariantCulture),
            .. o.Trial.Values.Select(BacktestReport.Csv),
            BacktestReport.Invariant(o.Objective),
            RunSummary.Money(m.NetPnl),
            BacktestReport.Invariant(m.ReturnPercent),
            BacktestReport.Invariant(m.Sharpe),
            BacktestReport.Invariant(m.Sortino),
            RunSummary.Money(m.MaxDrawdown),
            BacktestReport.Invariant(m.MaxDrawdownPercent),
            m.Trades.ToString(CultureInfo.InvariantCulture),
            BacktestReport.Invariant(m.WinRatePercent),
            BacktestReport.Invariant(m.ProfitFactor),
            RunSummary.Money(decimal.Round(m.Expectancy, 8)),
            RunSummary.Money(m.Fees),
            BacktestReport.Invariant(m.SharpePerPeriod),
            m.ReturnObservations.ToString(CultureInfo.InvariantCulture),
            BacktestReport.Invariant(m.ReturnSkewness),
            BacktestReport.Invariant(m.ReturnKurtosis),
        ]);
    }

    /// <summary>A row read back: the values the summary needs.</summary>
    public sealed record Entry(long Trial, string[] Values, double Objective, double SharpePerPeriod, long Observations, double Skewness, double Kurtosis, string Line);

    /// <summary>Streams the rows of a results.csv; a malformed row is an error naming the file and line.</summary>
    public static IEnumerable<Entry> Read(string path, int parameterCount)
    {
        using var reader = new StreamReader(path);
        string? header = reader.ReadLine() ?? throw new UsageException($"{path}: empty (no header)");
        int columns = 1 + parameterCount + MetricColumns.Length;
        int lineNumber = 1;
        while (reader.ReadLine() is string line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] f = Split(line);
            if (f.Length != columns
                || !long.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out long trial)
                || !TryDouble(f[1 + parameterCount], out double objective)
                || !TryDouble(f[1 + parameterCount + 12], out double srPerPeriod)
                || !long.TryParse(f[1 + parameterCount + 13], NumberStyles.None, CultureInfo.InvariantCulture, out long observations)
                || !TryDouble(f[1 + parameterCount + 14], out double skew)
                || !TryDouble(f[1 + parameterCount + 15], out double kurtosis))
            {
                throw new UsageException($"{path}:{lineNumber}: not a results row ({columns} columns expected: {header})");
            }

            yield return new Entry(trial, f[1..(1 + parameterCount)], objective, srPerPeriod, observations, skew, kurtosis, line);
        }
    }

    public static string ReadHeader(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine() ?? throw new UsageException($"{path}: empty (no header)");
    }

    private static bool TryDouble(string s, out double v) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v);

    /// <summary>Splits a CSV line with double-quoted fields.</summary>
    public static string[] Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}
