using System.Globalization;
using System.Text.Json;
using FlashTrader.Cli;

namespace FlashTrader.Optimisation;

/// <summary>
/// The parameters an optimisation varies, read from the --grid JSON: an object whose keys are configuration keys (the
/// ones --set takes) and whose values are a list of values, <c>{"min": a, "max": b, "step": s}</c> (expanded exactly
/// in decimal), or <c>{"min": a, "max": b}</c> (a continuous range, random search only). Keys keep the file's order.
/// </summary>
public sealed class ParameterSpace
{
    private ParameterSpace(IReadOnlyList<ParameterAxis> axes) => Axes = axes;

    public IReadOnlyList<ParameterAxis> Axes { get; }

    public bool HasContinuousAxis => Axes.Any(a => a.IsContinuous);

    /// <summary>Number of grid points (product of the axes' value counts).</summary>
    public long GridSize => Axes.Aggregate(1L, (n, a) => checked(n * Math.Max(1, a.Values.Count)));

    public static ParameterSpace Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--grid: file not found: {path}");
        }

        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{path}: not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message}", ex);
        }
    }

    public static ParameterSpace Parse(string json, string source)
    {
        using JsonDocument doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new UsageException($"{source}: the grid must be a JSON object of configuration keys, e.g. {{\"Execution:TakeProfitBps\": [10, 20, 30]}}");
        }

        var axes = new List<ParameterAxis>();
        foreach (JsonProperty p in doc.RootElement.EnumerateObject())
        {
            string where = $"{source}: \"{p.Name}\"";
            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Contains('='))
            {
                throw new UsageException($"{where}: not a configuration key (e.g. Risk:TakeProfitBps)");
            }

            if (axes.Any(a => string.Equals(a.Key, p.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new UsageException($"{where}: listed twice");
            }

            axes.Add(p.Value.ValueKind switch
            {
                JsonValueKind.Array => ListAxis(p, where),
                JsonValueKind.Object => RangeAxis(p, where),
                _ => throw new UsageException($"{where}: expected a list of values or {{\"min\", \"max\", \"step\"}}"),
            });
        }

        if (axes.Count == 0)
        {
            throw new UsageException($"{source}: the grid names no parameter");
        }

        return new ParameterSpace(axes);
    }

    private static ParameterAxis ListAxis(JsonProperty p, string where)
    {
        var values = new List<string>();
        foreach (JsonElement e in p.Value.EnumerateArray())
        {
            string value = e.ValueKind switch
            {
                JsonValueKind.Number => e.GetRawText(),
                JsonValueKind.String => e.GetString()!,
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => throw new UsageException($"{where}: list values must be numbers, strings or booleans"),
            };
            if (values.Contains(value, StringComparer.Ordinal))
            {
                throw new UsageException($"{where}: value {value} is listed twice");
            }

            values.Add(value);
        }

        if (values.Count == 0)
        {
            throw new UsageException($"{where}: the list is empty");
        }

        return new ParameterAxis(p.Name, values, 0, 0);
    }

    private static ParameterAxis RangeAxis(JsonProperty p, string where)
    {
        decimal min = Number(p.Value, "min", where) ?? throw new UsageException($"{where}: \"min\" is missing");
        decimal max = Number(p.Value, "max", where) ?? throw new UsageException($"{where}: \"max\" is missing");
        decimal? step = Number(p.Value, "step", where);
        foreach (JsonProperty extra in p.Value.EnumerateObject())
        {
            if (extra.Name is not ("min" or "max" or "step"))
            {
                throw new UsageException($"{where}: unknown field \"{extra.Name}\" (min, max, step)");
            }
        }

        if (max < min)
        {
            throw new UsageException($"{where}: max ({max}) is below min ({min})");
        }

        if (step is null)
        {
            return new ParameterAxis(p.Name, [], (double)min, (double)max);
        }

        if (step <= 0)
        {
            throw new UsageException($"{where}: step must be greater than 0");
        }

        if ((max - min) / step.Value > 100_000)
        {
            throw new UsageException($"{where}: more than 100,000 values");
        }

        var values = new List<string>();
        for (decimal v = min; v <= max; v += step.Value)
        {
            values.Add((v / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
        }

        return new ParameterAxis(p.Name, values, (double)min, (double)max);
    }

    private static decimal? Number(JsonElement range, string name, string where)
    {
        if (!range.TryGetProperty(name, out JsonElement e))
        {
            return null;
        }

        return e.ValueKind == JsonValueKind.Number && e.TryGetDecimal(out decimal d)
            ? d
            : throw new UsageException($"{where}: \"{name}\" must be a number");
    }
}
