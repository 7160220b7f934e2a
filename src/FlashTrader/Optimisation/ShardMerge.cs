using FlashTrader.Backtesting;
using FlashTrader.Cli;

namespace FlashTrader.Optimisation;

/// <summary>
/// Joins the results of shards of one search: checks they are shards of the same search (same grid, objective, seed
/// and trial count) and that no trial appears twice, and merges their results.csv files in trial order (a streaming
/// k-way merge: each shard's rows are already in trial order).
/// </summary>
public static class ShardMerge
{
    public static SearchDescription Merge(IReadOnlyList<string> inputs, string outDir)
    {
        if (inputs.Count == 0)
        {
            throw new UsageException("optimize merge: give the shards' directories");
        }

        var descriptions = inputs.Select(d => SearchDescription.Read(Path.Combine(d, "summary.json"))).ToList();
        SearchDescription first = descriptions[0];
        for (int i = 1; i < descriptions.Count; i++)
        {
            if (!descriptions[i].SameSearchAs(first))
            {
                throw new UsageException($"{inputs[i]}: a different search from {inputs[0]} (grid, objective, seed or trial count differ)");
            }
        }

        string header = ResultsCsv.ReadHeader(Path.Combine(inputs[0], "results.csv"));
        int d = first.Axes.Count;
        var readers = new List<IEnumerator<ResultsCsv.Entry>>();
        try
        {
            for (int i = 0; i < inputs.Count; i++)
            {
                string path = Path.Combine(inputs[i], "results.csv");
                if (ResultsCsv.ReadHeader(path) != header)
                {
                    throw new UsageException($"{path}: its columns differ from {Path.Combine(inputs[0], "results.csv")}");
                }

                readers.Add(ResultsCsv.Read(path, d).GetEnumerator());
            }

            Directory.CreateDirectory(outDir);
            bool[] live = [.. readers.Select(r => r.MoveNext())];
            using var output = new StreamWriter(Path.Combine(outDir, "results.csv"), false, BacktestReport.Utf8) { NewLine = "\n" };
            output.WriteLine(header);
            long last = -1;
            while (true)
            {
                int next = -1;
                for (int i = 0; i < readers.Count; i++)
                {
                    if (live[i] && (next < 0 || readers[i].Current.Trial < readers[next].Current.Trial))
                    {
                        next = i;
                    }
                }

                if (next < 0)
                {
                    break;
                }

                ResultsCsv.Entry e = readers[next].Current;
                if (e.Trial == last)
                {
                    throw new UsageException($"{inputs[next]}: trial {e.Trial} is also in another shard (the same shard given twice?)");
                }

                output.WriteLine(e.Line);
                last = e.Trial;
                live[next] = readers[next].MoveNext();
            }
        }
        finally
        {
            foreach (IEnumerator<ResultsCsv.Entry> r in readers)
            {
                r.Dispose();
            }
        }

        return first with { Shards = [.. descriptions.SelectMany(x => x.Shards).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] };
    }
}
