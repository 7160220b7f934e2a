using System.Text.Json;
using FlashTrader.Cli;

namespace FlashTrader.Optimisation;

/// <summary>
/// What a search was (kept in summary.json so shards can be checked and merged): grid or random, the objective, the
/// seed, the total number of trials, the parameter axes, and which shards the results hold.
/// </summary>
public sealed record SearchDescription(string Search, string Objective, int Seed, long TotalTrials, IReadOnlyList<ParameterAxis> Axes, IReadOnlyList<string> Shards)
{
    public bool SameSearchAs(SearchDescription other) =>
        Search == other.Search && Objective == other.Objective && Seed == other.Seed && TotalTrials == other.TotalTrials
        && Axes.Count == other.Axes.Count
        && Axes.Zip(other.Axes).All(p => p.First.Key == p.Second.Key && p.First.Values.SequenceEqual(p.Second.Values) && p.First.Min == p.Second.Min && p.First.Max == p.Second.Max);

    public void Write(Utf8JsonWriter w)
    {
        w.WriteString("search", Search);
        w.WriteString("objective", Objective);
        w.WriteNumber("seed", Seed);
        w.WriteNumber("totalTrials", TotalTrials);
        w.WriteStartArray("shards");
        foreach (string s in Shards)
        {
            w.WriteStringValue(s);
        }

        w.WriteEndArray();
        w.WriteStartArray("parameters");
        foreach (ParameterAxis a in Axes)
        {
            w.WriteStartObject();
            w.WriteString("key", a.Key);
            if (a.IsContinuous)
            {
                w.WriteNumber("min", a.Min);
                w.WriteNumber("max", a.Max);
            }
            else
            {
                w.WriteStartArray("values");
                foreach (string v in a.Values)
                {
                    w.WriteStringValue(v);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static SearchDescription Read(string summaryPath)
    {
        if (!File.Exists(summaryPath))
        {
            throw new UsageException($"{summaryPath}: not found (is this an optimize --out directory?)");
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(summaryPath));
            JsonElement r = doc.RootElement;
            var axes = r.GetProperty("parameters").EnumerateArray().Select(a => a.TryGetProperty("values", out JsonElement values)
                ? new ParameterAxis(a.GetProperty("key").GetString()!, [.. values.EnumerateArray().Select(v => v.GetString()!)], 0, 0)
                : new ParameterAxis(a.GetProperty("key").GetString()!, [], a.GetProperty("min").GetDouble(), a.GetProperty("max").GetDouble())).ToList();
            // A grid axis given as a range keeps its bounds for comparison; they are not needed to merge.
            return new SearchDescription(
                r.GetProperty("search").GetString()!, r.GetProperty("objective").GetString()!, r.GetProperty("seed").GetInt32(),
                r.GetProperty("totalTrials").GetInt64(), axes, [.. r.GetProperty("shards").EnumerateArray().Select(s => s.GetString()!)]);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UsageException($"{summaryPath}: not an optimisation summary ({ex.Message})", ex);
        }
    }
}
