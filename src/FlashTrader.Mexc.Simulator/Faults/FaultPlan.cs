using System.Globalization;

namespace FlashTrader.Mexc.Simulator.Faults;

/// <summary>
/// The faults the simulator injects, as given by <c>--faults</c>: the ways the real exchange breaks a connection.
/// Every random choice draws from generators seeded with <see cref="Seed"/> (one per fault kind and connection), so
/// the same requests in the same order meet the same faults.
/// <para>Spec: items separated by ';' or ',', each <c>name=value</c>; durations take ms, s, m or h:
/// <c>seed=7;drop=30s;gap=0.01;delay=20ms;jitter=30ms;malformed=0.001;429=0.05;418=0.01;order5xx=0.1;skew=-1500ms;lifetime=10m</c>.</para>
/// </summary>
public sealed record FaultPlan
{
    public static readonly FaultPlan None = new();

    /// <summary>The names the spec accepts, for help texts and errors.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["seed", "drop", "gap", "delay", "jitter", "malformed", "429", "retry-after", "418", "order5xx", "skew", "lifetime"];

    public int Seed { get; init; } = 1;

    /// <summary>Each WebSocket connection is closed this long after it opened (and its successor likewise).</summary>
    public TimeSpan? DropEvery { get; init; }

    /// <summary>Probability that an aggre.depth push is not sent (the book still moves: clients see a version gap).</summary>
    public double GapProbability { get; init; }

    /// <summary>Every push is held back this long, plus a uniform random part up to <see cref="Jitter"/>.</summary>
    public TimeSpan Delay { get; init; }

    public TimeSpan Jitter { get; init; }

    /// <summary>Probability that a binary push is replaced by a frame cut short (not a valid protobuf message).</summary>
    public double MalformedProbability { get; init; }

    /// <summary>Probability that a REST request is answered HTTP 429 with Retry-After.</summary>
    public double RateLimitProbability { get; init; }

    /// <summary>The Retry-After of a 429, in seconds.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Probability that a REST request is answered HTTP 418 (an IP ban).</summary>
    public double BanProbability { get; init; }

    /// <summary>Probability that a new order is executed and then answered HTTP 500: the client cannot know the outcome.</summary>
    public double OrderUnknownOutcomeProbability { get; init; }

    /// <summary>Added to the server clock (GET /time, signature checks): the client's clock looks off by minus this.</summary>
    public TimeSpan ClockSkew { get; init; }

    /// <summary>The longest a WebSocket connection lives (MEXC: 24 h); set shorter to force the daily disconnect early.</summary>
    public TimeSpan? ConnectionLifetime { get; init; }

    public bool IsNone => this == None;

    /// <summary>Parses a spec; a bad item throws <see cref="FormatException"/> naming the item and its column (1-based).</summary>
    public static FaultPlan Parse(string? spec)
    {
        var plan = new FaultPlan();
        if (string.IsNullOrWhiteSpace(spec))
        {
            return plan;
        }

        int start = 0;
        while (start <= spec.Length)
        {
            int end = spec.IndexOfAny([';', ','], start);
            if (end < 0)
            {
                end = spec.Length;
            }

            string item = spec[start..end];
            int column = start + 1 + (item.Length - item.TrimStart().Length);
            item = item.Trim();
            if (item.Length > 0)
            {
                plan = Apply(plan, item, column);
            }

            start = end + 1;
        }

        return plan;
    }

    private static FaultPlan Apply(FaultPlan plan, string item, int column)
    {
        int eq = item.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == item.Length - 1)
        {
            throw Error(item, column, "expected name=value");
        }

        string name = item[..eq].Trim().ToLowerInvariant();
        string value = item[(eq + 1)..].Trim();
        return name switch
        {
            "seed" => plan with { Seed = Integer(item, column, value) },
            "drop" => plan with { DropEvery = PositiveDuration(item, column, value) },
            "gap" => plan with { GapProbability = Probability(item, column, value) },
            "delay" => plan with { Delay = Duration(item, column, value, allowNegative: false) },
            "jitter" => plan with { Jitter = Duration(item, column, value, allowNegative: false) },
            "malformed" => plan with { MalformedProbability = Probability(item, column, value) },
            "429" => plan with { RateLimitProbability = Probability(item, column, value) },
            "retry-after" => plan with { RetryAfterSeconds = (int)Math.Ceiling(PositiveDuration(item, column, value).TotalSeconds) },
            "418" => plan with { BanProbability = Probability(item, column, value) },
            "order5xx" => plan with { OrderUnknownOutcomeProbability = Probability(item, column, value) },
            "skew" => plan with { ClockSkew = Duration(item, column, value, allowNegative: true) },
            "lifetime" => plan with { ConnectionLifetime = PositiveDuration(item, column, value) },
            _ => throw Error(item, column, $"unknown fault '{name}' (known: {string.Join(", ", Names)})"),
        };
    }

    private static int Integer(string item, int column, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw Error(item, column, $"'{value}' is not a whole number");

    private static double Probability(string item, int column, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double p) && p is >= 0 and <= 1
            ? p
            : throw Error(item, column, $"'{value}' is not a probability between 0 and 1");

    private static TimeSpan PositiveDuration(string item, int column, string value)
    {
        TimeSpan d = Duration(item, column, value, allowNegative: false);
        return d > TimeSpan.Zero ? d : throw Error(item, column, "must be longer than 0");
    }

    private static TimeSpan Duration(string item, int column, string value, bool allowNegative)
    {
        (string digits, double scaleMs) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (value[..^2], 1d),
            _ when value.EndsWith('s') => (value[..^1], 1_000d),
            _ when value.EndsWith('m') => (value[..^1], 60_000d),
            _ when value.EndsWith('h') => (value[..^1], 3_600_000d),
            _ => ("", 0d),
        };
        NumberStyles styles = NumberStyles.AllowDecimalPoint | (allowNegative ? NumberStyles.AllowLeadingSign : NumberStyles.None);
        if (scaleMs == 0 || !double.TryParse(digits, styles, CultureInfo.InvariantCulture, out double amount) || !double.IsFinite(amount))
        {
            throw Error(item, column, $"'{value}' is not a duration such as 250ms, 30s, 5m or 1h" + (allowNegative ? " (may be negative)" : ""));
        }

        return TimeSpan.FromMilliseconds(amount * scaleMs);
    }

    private static FormatException Error(string item, int column, string reason) =>
        new($"--faults: item '{item}' at column {column}: {reason}");
}
