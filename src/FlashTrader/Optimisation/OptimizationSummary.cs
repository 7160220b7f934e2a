using System.Globalization;
using System.Text.Json;
using FlashTrader.Backtesting;
using FlashTrader.Core.Backtesting;

namespace FlashTrader.Optimisation;

/// <summary>
/// The search's verdict, computed by streaming results.csv twice (memory: the top N and running sums, not the
/// trials): the top N parameter sets by objective (ties to the lower trial number), each with its deflated Sharpe
/// ratio given the number of trials and the variance of their Sharpe ratios, and a fragility flag from its neighbours
/// (grid: one step away on one axis; random: the 2 x dimensions nearest in range-scaled parameter space).
/// </summary>
public sealed class OptimizationSummary
{
    public required SearchDescription Description { get; init; }

    public required long Trials { get; init; }

    /// <summary>Variance of the trials' per-period Sharpe ratios (the deflated Sharpe ratio's input).</summary>
    public required double SharpeVariance { get; init; }

    public required IReadOnlyList<Candidate> Top { get; init; }

    public sealed record Candidate(ResultsCsv.Entry Entry, double DeflatedSharpe, int Neighbours, double? NeighbourObjectiveMean, bool Fragile);

    public static OptimizationSummary FromResults(string resultsCsv, SearchDescription description, int topN)
    {
        IReadOnlyList<ParameterAxis> axes = description.Axes;
        int d = axes.Count;
        long count = 0;
        double mean = 0;
        double m2 = 0;
        double[] min = Enumerable.Repeat(double.PositiveInfinity, d).ToArray();
        double[] max = Enumerable.Repeat(double.NegativeInfinity, d).ToArray();
        var top = new List<ResultsCsv.Entry>(topN + 1);
        foreach (ResultsCsv.Entry e in ResultsCsv.Read(resultsCsv, d))
        {
            count++;
            double delta = e.SharpePerPeriod - mean;
            mean += delta / count;
            m2 += delta * (e.SharpePerPeriod - mean);
            for (int i = 0; i < d; i++)
            {
                double c = axes[i].Coordinate(e.Values[i]);
                min[i] = Math.Min(min[i], c);
                max[i] = Math.Max(max[i], c);
            }

            int at = top.FindIndex(t => Better(e, t));
            if (at >= 0 || top.Count < topN)
            {
                top.Insert(at < 0 ? top.Count : at, e);
                if (top.Count > topN)
                {
                    top.RemoveAt(topN);
                }
            }
        }

        double variance = count > 1 ? m2 / (count - 1) : 0;
        bool grid = description.Search == "grid";
        int k = 2 * d;
        var neighbours = top.Select(_ => new List<(double Distance, double Objective)>()).ToList();
        foreach (ResultsCsv.Entry e in ResultsCsv.Read(resultsCsv, d))
        {
            for (int c = 0; c < top.Count; c++)
            {
                ResultsCsv.Entry candidate = top[c];
                if (e.Trial == candidate.Trial)
                {
                    continue;
                }

                if (grid)
                {
                    if (FragileOptimum.AreGridNeighbours(Positions(axes, candidate.Values), Positions(axes, e.Values)))
                    {
                        neighbours[c].Add((0, e.Objective));
                    }

                    continue;
                }

                double distance = FragileOptimum.ScaledDistanceSquared(Coordinates(axes, candidate.Values), Coordinates(axes, e.Values), min, max);
                List<(double Distance, double Objective)> near = neighbours[c];
                int at = near.FindIndex(n => distance < n.Distance);
                if (at >= 0 || near.Count < k)
                {
                    near.Insert(at < 0 ? near.Count : at, (distance, e.Objective));
                    if (near.Count > k)
                    {
                        near.RemoveAt(k);
                    }
                }
            }
        }

        return new OptimizationSummary
        {
            Description = description,
            Trials = count,
            SharpeVariance = variance,
            Top = [.. top.Select((e, c) =>
            {
                double[] objectives = [.. neighbours[c].Select(n => n.Objective)];
                return new Candidate(
                    e,
                    DeflatedSharpeRatio.Compute(e.SharpePerPeriod, e.Observations, e.Skewness, e.Kurtosis, count, variance),
                    objectives.Length,
                    objectives.Length == 0 ? null : objectives.Average(),
                    FragileOptimum.IsFragile(e.Objective, objectives));
            })],
        };
    }

    private static bool Better(ResultsCsv.Entry a, ResultsCsv.Entry b) => a.Objective > b.Objective || (a.Objective == b.Objective && a.Trial < b.Trial);

    private static int[] Positions(IReadOnlyList<ParameterAxis> axes, string[] values) => [.. axes.Select((a, i) => a.IndexOf(values[i]))];

    private static double[] Coordinates(IReadOnlyList<ParameterAxis> axes, string[] values) => [.. axes.Select((a, i) => a.Coordinate(values[i]))];

    public void Write(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        Description.Write(w);
        w.WriteNumber("trials", Trials);
        BacktestReport.Number(w, "sharpeVariance", SharpeVariance);
        w.WriteString("deflatedSharpe", "probability that the true Sharpe ratio beats the best of the trials' by luck (Bailey & Lopez de Prado 2014), from per-minute returns");
        w.WriteString("fragile", $"neighbours' mean objective worse by more than {FragileOptimum.DefaultTolerance:P0} of the candidate's");
        w.WriteStartArray("top");
        foreach (Candidate c in Top)
        {
            w.WriteStartObject();
            w.WriteNumber("trial", c.Entry.Trial);
            w.WriteStartObject("parameters");
            for (int i = 0; i < Description.Axes.Count; i++)
            {
                w.WriteString(Description.Axes[i].Key, c.Entry.Values[i]);
            }

            w.WriteEndObject();
            BacktestReport.Number(w, "objective", c.Entry.Objective);
            BacktestReport.Number(w, "deflatedSharpe", c.DeflatedSharpe);
            w.WriteNumber("neighbours", c.Neighbours);
            BacktestReport.Number(w, "neighbourObjectiveMean", c.NeighbourObjectiveMean);
            w.WriteBoolean("fragile", c.Fragile);
            w.WriteString("row", c.Entry.Line);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public void Print(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Trials:N0} trials ({Description.Search}), objective {Description.Objective}; top {Top.Count}:"));
        int rank = 1;
        foreach (Candidate c in Top)
        {
            string parameters = string.Join(", ", Description.Axes.Select((a, i) => $"{a.Key}={c.Entry.Values[i]}"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {rank++,2}. trial {c.Entry.Trial}: {Description.Objective} {c.Entry.Objective:0.####}, DSR {c.DeflatedSharpe:0.###}{(c.Fragile ? ", FRAGILE" : "")}  {parameters}"));
        }
    }
}
