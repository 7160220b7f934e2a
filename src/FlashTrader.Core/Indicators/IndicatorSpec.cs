using System.Globalization;
using FlashTrader.Core.Indicators.Patterns;

namespace FlashTrader.Core.Indicators;

/// <summary>
/// A list of indicators written as text, e.g. "rsi(14),macd(12,26,9),bbands(20,2),obv,vwap". Names are
/// case-insensitive; parameters are numbers; items are separated by commas outside parentheses.
/// Supported: sma|ema|wma|rsi|cci|atr|mfi|adx(period), macd(fast,slow,signal), bbands(period[,nbdev=2]),
/// stoch(fastK,slowK,slowD), obv, vwap (UTC-day anchored), vp(window,bucketSize) (.poc/.vah/.val),
/// and the candlestick patterns doji, hammer, shootingstar, engulfing.
/// </summary>
public sealed class IndicatorSpec
{
    private sealed record Definition(int MinParams, int MaxParams, double[] Defaults, bool IntegerParams, string[] Suffixes, Func<IReadOnlyList<double>, IBarIndicator> Create);

    private static readonly string[] Single = [string.Empty];

    private static readonly Dictionary<string, Definition> Definitions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sma"] = new(1, 1, [], true, Single, p => new Sma(CheckedInt(p[0], "parameter 0"))),
        ["ema"] = new(1, 1, [], true, Single, p => new Ema(CheckedInt(p[0], "parameter 0"))),
        ["wma"] = new(1, 1, [], true, Single, p => new Wma(CheckedInt(p[0], "parameter 0"))),
        ["rsi"] = new(1, 1, [], true, Single, p => new Rsi(CheckedInt(p[0], "parameter 0"))),
        ["cci"] = new(1, 1, [], true, Single, p => new Cci(CheckedInt(p[0], "parameter 0"))),
        ["atr"] = new(1, 1, [], true, Single, p => new Atr(CheckedInt(p[0], "parameter 0"))),
        ["mfi"] = new(1, 1, [], true, Single, p => new Mfi(CheckedInt(p[0], "parameter 0"))),
        ["adx"] = new(1, 1, [], true, Single, p => new Adx(CheckedInt(p[0], "parameter 0"))),
        ["macd"] = new(3, 3, [], true, [".macd", ".signal", ".hist"], p => new Macd(CheckedInt(p[0], "parameter 0"), CheckedInt(p[1], "parameter 1"), CheckedInt(p[2], "parameter 2"))),
        ["bbands"] = new(1, 2, [0, 2.0], false, [".upper", ".middle", ".lower"], p => new BollingerBands(CheckedInt(p[0], "period"), p[1], p[1])),
        ["stoch"] = new(3, 3, [], true, [".k", ".d"], p => new Stochastic(CheckedInt(p[0], "parameter 0"), CheckedInt(p[1], "parameter 1"), CheckedInt(p[2], "parameter 2"))),
        ["obv"] = new(0, 0, [], true, Single, _ => new Obv()),
        ["vwap"] = new(0, 0, [], true, Single, _ => Vwap.AnchoredToUtcDay()),
        ["vp"] = new(2, 2, [], false, [".poc", ".vah", ".val"], p => new VolumeProfile(CheckedInt(p[0], "window"), p[1])),
        ["doji"] = new(0, 0, [], true, Single, _ => new Doji()),
        ["hammer"] = new(0, 0, [], true, Single, _ => new Hammer()),
        ["shootingstar"] = new(0, 0, [], true, Single, _ => new ShootingStar()),
        ["engulfing"] = new(0, 0, [], true, Single, _ => new Engulfing()),
    };

    private IndicatorSpec(string text, IReadOnlyList<IndicatorSpecItem> items)
    {
        Text = text;
        Items = items;
    }

    public string Text { get; }

    public IReadOnlyList<IndicatorSpecItem> Items { get; }

    /// <summary>All output column names, in item order.</summary>
    public IEnumerable<string> OutputNames => Items.SelectMany(i => i.OutputNames);

    public static IndicatorSpec Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var items = new List<IndicatorSpecItem>();
        int start = 0;
        int depth = 0;
        for (int i = 0; i <= spec.Length; i++)
        {
            char c = i < spec.Length ? spec[i] : ',';
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')')
            {
                depth--;
            }
            else if (c == ',' && (depth == 0 || i == spec.Length))
            {
                items.Add(ParseItem(spec, start, i, items.Count + 1));
                start = i + 1;
                depth = 0;
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!seen.Add(item.Text))
            {
                throw Error(item.Text, items.IndexOf(item) + 1, item.Position, "appears twice: its columns would have the same names");
            }
        }

        return new IndicatorSpec(spec, items);
    }

    private static IndicatorSpecItem ParseItem(string spec, int start, int end, int number)
    {
        string raw = spec[start..end];
        string text = raw.Trim();
        int position = start + (raw.Length - raw.TrimStart().Length);
        if (text.Length == 0)
        {
            throw Error(text, number, position, "is empty");
        }

        int open = text.IndexOf('(', StringComparison.Ordinal);
        string name = (open < 0 ? text : text[..open]).Trim();
        if (!Definitions.TryGetValue(name, out var definition))
        {
            throw Error(text, number, position, $"unknown indicator '{name}' (known: {string.Join(", ", Definitions.Keys)})");
        }

        var values = new List<double>();
        if (open >= 0)
        {
            if (!text.EndsWith(')'))
            {
                throw Error(text, number, position, "has no closing parenthesis at its end");
            }

            string inside = text[(open + 1)..^1];
            if (inside.Contains('(', StringComparison.Ordinal) || inside.Contains(')', StringComparison.Ordinal))
            {
                throw Error(text, number, position, "has unbalanced parentheses");
            }

            if (inside.Trim().Length > 0)
            {
                string[] parts = inside.Split(',');
                for (int k = 0; k < parts.Length; k++)
                {
                    string part = parts[k].Trim();
                    if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    {
                        throw Error(text, number, position, $"parameter {k + 1} '{part}' is not a number");
                    }

                    if (definition.IntegerParams && v != Math.Floor(v))
                    {
                        throw Error(text, number, position, $"parameter {k + 1} '{part}' must be a whole number");
                    }

                    values.Add(v);
                }
            }
        }

        if (values.Count < definition.MinParams || values.Count > definition.MaxParams)
        {
            string expected = definition.MinParams == definition.MaxParams
                ? definition.MinParams.ToString(CultureInfo.InvariantCulture)
                : $"{definition.MinParams} to {definition.MaxParams}";
            throw Error(text, number, position, $"'{name}' takes {expected} parameter(s), got {values.Count}");
        }

        for (int k = values.Count; k < definition.MaxParams; k++)
        {
            values.Add(definition.Defaults[k]);
        }

        var outputs = definition.Suffixes.Select(s => text + s).ToArray();
        var item = new IndicatorSpecItem(text, position, name.ToLowerInvariant(), values, outputs, definition.Create);
        try
        {
            item.CreateIndicator(); // validates ranges now, so a bad value is reported with its position
        }
        catch (ArgumentException e)
        {
            throw Error(text, number, position, $"bad parameter value: {e.Message}", e);
        }

        return item;
    }

    private static int CheckedInt(double value, string what) =>
        value == Math.Floor(value) && value is >= int.MinValue and <= int.MaxValue
            ? (int)value
            : throw new ArgumentOutOfRangeException(what, value, "must be a whole number");

    private static IndicatorSpecException Error(string text, int number, int position, string problem, Exception? inner = null)
    {
        string message = $"indicator spec item {number} '{text}' at position {position}: {problem}";
        return inner is null ? new IndicatorSpecException(message) : new IndicatorSpecException(message, inner);
    }
}
