using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FlashTrader.Core.Candles;

namespace FlashTrader.Core.Strategies;

/// <summary>
/// Reads a strategy definition from JSON bytes with Utf8JsonReader (comments and trailing commas allowed). Every
/// error, syntax or schema, unknown or duplicate keys included, names the file, line and column and what was
/// expected. Pure: the host reads the file; this only sees its bytes.
/// </summary>
public static class StrategyJsonLoader
{
    private static readonly string[] RootKeys = ["name", "version", "description", "symbols", "timeframes", "parameters", "indicators", "buy", "sell", "filter", "exits", "sizing", "sessions"];
    private static readonly string[] IndicatorKeys = ["type", "params", "timeframe", "input"];
    private static readonly string[] SideKeys = ["rules", "require", "strength"];
    private static readonly string[] FilterKeys = ["events", "ms"];
    private static readonly string[] ExitKeys = ["takeProfitBps", "stopLossBps", "trailingStopBps", "timeStopMs"];
    private static readonly string[] SizingKeys = ["fraction"];
    private static readonly string[] SessionKeys = ["parameters", "exits"];

    public static StrategyDefinition Load(ReadOnlySpan<byte> utf8, string file)
    {
        var source = new Source(file, utf8);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (utf8.StartsWith("\uFEFF"u8))
            {
                throw new StrategyDefinitionException(source.At(0), "the file starts with a byte-order mark: save it as UTF-8 without BOM");
            }

            if (utf8.Trim(" \t\r\n"u8).IsEmpty || !reader.Read())
            {
                throw new StrategyDefinitionException(source.At(0), "the file is empty: expected a JSON object");
            }

            StrategyDefinition definition = ReadRoot(ref reader, source, Hash(utf8));
            if (reader.Read())
            {
                throw source.Error(ref reader, "expected the end of the file after the strategy object");
            }

            return definition;
        }
        catch (JsonException e)
        {
            int line = (int)(e.LineNumber ?? 0);
            int bytes = (int)(e.BytePositionInLine ?? 0);
            string problem = e.Message;
            int cut = problem.IndexOf(" LineNumber:", StringComparison.Ordinal);
            problem = cut > 0 ? problem[..cut].TrimEnd() : problem;
            throw new StrategyDefinitionException(source.AtLine(line, bytes), "invalid JSON: " + problem, e);
        }
    }

    /// <summary>First 16 hex digits of the SHA-256 of the content: what fills and signals record as the strategy's identity.</summary>
    public static string Hash(ReadOnlySpan<byte> utf8) => Convert.ToHexStringLower(SHA256.HashData(utf8))[..16];

    private static StrategyDefinition ReadRoot(ref Utf8JsonReader r, Source s, string hash)
    {
        SourceLocation start = s.Expect(ref r, JsonTokenType.StartObject, "a JSON object holding the strategy");
        string? name = null;
        string? version = null;
        string description = string.Empty;
        List<string> symbols = [];
        List<Timeframe> timeframes = [];
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        List<IndicatorDefinition> indicators = [];
        SignalRules? buy = null;
        SignalRules? sell = null;
        NoiseFilter filter = NoiseFilter.None;
        ExitRules exits = default;
        SizingRule sizing = default;
        List<SessionOverride> sessions = [];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (s.NextKey(ref r, "the strategy", RootKeys, seen, out string key))
        {
            switch (key)
            {
                case "name":
                    name = s.ReadName(ref r, "name");
                    break;
                case "version":
                    version = s.ReadNonEmptyString(ref r, "version");
                    break;
                case "description":
                    description = s.ReadString(ref r, "description");
                    break;
                case "symbols":
                    symbols = s.ReadSymbols(ref r);
                    break;
                case "timeframes":
                    timeframes = s.ReadTimeframes(ref r);
                    break;
                case "parameters":
                    parameters = s.ReadParameters(ref r, "parameters");
                    break;
                case "indicators":
                    indicators = s.ReadIndicators(ref r);
                    break;
                case "buy":
                    buy = s.ReadSide(ref r, "buy");
                    break;
                case "sell":
                    sell = s.ReadSide(ref r, "sell");
                    break;
                case "filter":
                    filter = s.ReadFilter(ref r);
                    break;
                case "exits":
                    exits = s.ReadExits(ref r, "exits");
                    break;
                case "sizing":
                    sizing = s.ReadSizing(ref r);
                    break;
                case "sessions":
                    sessions = s.ReadSessions(ref r);
                    break;
            }
        }

        if (name is null || version is null)
        {
            throw new StrategyDefinitionException(start, $"the strategy has no '{(name is null ? "name" : "version")}' (required: name, version, and buy or sell rules)");
        }

        SourceLocation none = start;
        buy ??= new SignalRules([], 0, new SourceText("1", none));
        sell ??= new SignalRules([], 0, new SourceText("1", none));
        if (buy.IsEmpty && sell.IsEmpty)
        {
            throw new StrategyDefinitionException(start, "the strategy has no rules: give 'buy' or 'sell' with at least one rule");
        }

        foreach (SessionOverride session in sessions)
        {
            foreach (string p in session.Parameters.Keys)
            {
                if (!parameters.ContainsKey(p))
                {
                    throw new StrategyDefinitionException(session.Location, $"session '{session.Session}' overrides parameter '{p}', which 'parameters' does not declare (declared: {List(parameters.Keys)})");
                }
            }
        }

        if (timeframes.Count > 0)
        {
            foreach (IndicatorDefinition indicator in indicators)
            {
                if (!timeframes.Contains(indicator.Timeframe))
                {
                    throw new StrategyDefinitionException(indicator.Location, $"indicator '{indicator.Name}' uses timeframe {indicator.Timeframe}, which 'timeframes' does not list ({string.Join(", ", timeframes)})");
                }
            }
        }
        else
        {
            timeframes = [.. indicators.Select(i => i.Timeframe).Append(Timeframe.OneMinute).Distinct().OrderBy(t => t.DurationNs)];
        }

        return new StrategyDefinition
        {
            Name = name,
            Version = version,
            Description = description,
            Symbols = symbols,
            Timeframes = timeframes,
            Parameters = parameters,
            Indicators = indicators,
            Buy = buy,
            Sell = sell,
            Filter = filter,
            Exits = exits,
            Sizing = sizing,
            Sessions = sessions,
            ContentHash = hash,
            File = s.File,
        };
    }

    private static string List(IEnumerable<string> names)
    {
        string joined = string.Join(", ", names);
        return joined.Length == 0 ? "none" : joined;
    }

    /// <summary>The file's bytes and line starts, to turn reader offsets into line and column.</summary>
    private sealed class Source
    {
        private readonly byte[] _bytes;
        private readonly List<int> _lineStarts = [0];

        public Source(string file, ReadOnlySpan<byte> utf8)
        {
            File = file;
            _bytes = utf8.ToArray();
            for (int i = 0; i < _bytes.Length; i++)
            {
                if (_bytes[i] == (byte)'\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        public string File { get; }

        /// <summary>Where the key <see cref="NextKey"/> last read starts.</summary>
        public SourceLocation LastKeyAt { get; private set; }

        public SourceLocation At(long offset)
        {
            int index = _lineStarts.BinarySearch((int)offset);
            int line = index >= 0 ? index : ~index - 1;
            return AtLine(line, (int)offset - _lineStarts[line]);
        }

        /// <summary>0-based line and byte in line to 1-based line and character column.</summary>
        public SourceLocation AtLine(int line, int byteInLine)
        {
            line = Math.Clamp(line, 0, _lineStarts.Count - 1);
            int start = _lineStarts[line];
            int length = Math.Clamp(byteInLine, 0, _bytes.Length - start);
            return new SourceLocation(File, line + 1, Encoding.UTF8.GetCharCount(_bytes, start, length) + 1);
        }

        public StrategyDefinitionException Error(ref Utf8JsonReader r, string problem) => new(At(r.TokenStartIndex), problem);

        public void Read(ref Utf8JsonReader r)
        {
            if (!r.Read())
            {
                throw new StrategyDefinitionException(At(_bytes.Length), "unexpected end of file");
            }
        }

        public SourceLocation Expect(ref Utf8JsonReader r, JsonTokenType type, string what)
        {
            if (r.TokenType != type)
            {
                throw Error(ref r, $"expected {what}, found {Describe(ref r)}");
            }

            return At(r.TokenStartIndex);
        }

        /// <summary>Moves to the next key of the current object and onto its value; false at the object's end.</summary>
        public bool NextKey(ref Utf8JsonReader r, string where, string[] known, HashSet<string> seen, out string key)
        {
            Read(ref r);
            if (r.TokenType == JsonTokenType.EndObject)
            {
                key = string.Empty;
                return false;
            }

            key = r.GetString()!;
            LastKeyAt = At(r.TokenStartIndex);
            if (known.Length > 0 && Array.IndexOf(known, key) < 0)
            {
                throw Error(ref r, $"unknown key '{key}' in {where} (expected one of: {string.Join(", ", known)})");
            }

            if (!seen.Add(key))
            {
                throw Error(ref r, $"'{key}' appears twice in {where}");
            }

            Read(ref r);
            return true;
        }

        public string ReadString(ref Utf8JsonReader r, string key)
        {
            Expect(ref r, JsonTokenType.String, $"a string for '{key}'");
            return r.GetString()!;
        }

        public string ReadNonEmptyString(ref Utf8JsonReader r, string key)
        {
            string value = ReadString(ref r, key);
            return value.Trim().Length > 0 ? value : throw Error(ref r, $"'{key}' must not be empty");
        }

        public string ReadName(ref Utf8JsonReader r, string key)
        {
            string value = ReadNonEmptyString(ref r, key);
            return value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
                ? value
                : throw Error(ref r, $"'{key}' must use only letters, digits, '-', '_' and '.' (it names the strategy in fills.csv)");
        }

        public SourceText ReadExpression(ref Utf8JsonReader r, string key)
        {
            Expect(ref r, JsonTokenType.String, $"an expression string for '{key}'");
            // The text starts one character after the opening quote.
            return new SourceText(r.GetString()!, At(r.TokenStartIndex + 1), !r.ValueIsEscaped);
        }

        public double ReadNumber(ref Utf8JsonReader r, string key)
        {
            Expect(ref r, JsonTokenType.Number, $"a number for '{key}'");
            return r.TryGetDouble(out double value) && double.IsFinite(value) ? value : throw Error(ref r, $"'{key}' is out of range");
        }

        public double ReadNonNegative(ref Utf8JsonReader r, string key)
        {
            double value = ReadNumber(ref r, key);
            return value >= 0 ? value : throw Error(ref r, $"'{key}' must be 0 or more, got {value.ToString(CultureInfo.InvariantCulture)}");
        }

        public int ReadCount(ref Utf8JsonReader r, string key, int min)
        {
            Expect(ref r, JsonTokenType.Number, $"a whole number for '{key}'");
            return r.TryGetInt32(out int value) && value >= min ? value : throw Error(ref r, $"'{key}' must be a whole number of at least {min}");
        }

        public List<string> ReadSymbols(ref Utf8JsonReader r)
        {
            Expect(ref r, JsonTokenType.StartArray, "an array of pair symbols for 'symbols', e.g. [\"BTCUSDC\"]");
            var symbols = new List<string>();
            for (Read(ref r); r.TokenType != JsonTokenType.EndArray; Read(ref r))
            {
                string symbol = ReadNonEmptyString(ref r, "symbols");
                if (!symbol.All(char.IsAsciiLetterOrDigit) || symbol.Any(char.IsAsciiLetterLower))
                {
                    throw Error(ref r, $"'{symbol}' is not an upper-case pair symbol such as BTCUSDC");
                }

                symbols.Add(symbol);
            }

            return symbols;
        }

        public List<Timeframe> ReadTimeframes(ref Utf8JsonReader r)
        {
            Expect(ref r, JsonTokenType.StartArray, "an array of timeframes for 'timeframes', e.g. [\"1m\", \"15m\"]");
            var timeframes = new List<Timeframe>();
            for (Read(ref r); r.TokenType != JsonTokenType.EndArray; Read(ref r))
            {
                Timeframe tf = ReadTimeframe(ref r, "timeframes");
                if (!timeframes.Contains(tf))
                {
                    timeframes.Add(tf);
                }
            }

            return timeframes;
        }

        public Timeframe ReadTimeframe(ref Utf8JsonReader r, string key)
        {
            string text = ReadString(ref r, key);
            return StrategyTimeframes.TryParse(text, out Timeframe tf)
                ? tf
                : throw Error(ref r, $"'{text}' is not a timeframe: expected minutes or hours such as 1m, 5m, 15m, 1h");
        }

        public Dictionary<string, double> ReadParameters(ref Utf8JsonReader r, string where)
        {
            Expect(ref r, JsonTokenType.StartObject, $"an object of named numbers for '{where}', e.g. {{ \"threshold\": 0.2 }}");
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (NextKey(ref r, where, [], seen, out string key))
            {
                if (!StrategyNames.IsIdentifier(key))
                {
                    throw Error(ref r, $"parameter name '{key}' must start with a letter or '_' and hold only letters, digits and '_'");
                }

                values[key] = ReadNumber(ref r, key);
            }

            return values;
        }

        public List<IndicatorDefinition> ReadIndicators(ref Utf8JsonReader r)
        {
            Expect(ref r, JsonTokenType.StartObject, "an object of named indicators for 'indicators', e.g. { \"rsi14\": { \"type\": \"rsi\", \"params\": [14] } }");
            var indicators = new List<IndicatorDefinition>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (NextKey(ref r, "indicators", [], names, out string name))
            {
                SourceLocation nameAt = LastKeyAt;
                if (!StrategyNames.IsIdentifier(name))
                {
                    throw Error(ref r, $"indicator name '{name}' must start with a letter or '_' and hold only letters, digits and '_'");
                }

                indicators.Add(ReadIndicator(ref r, name, nameAt));
            }

            return indicators;
        }

        private IndicatorDefinition ReadIndicator(ref Utf8JsonReader r, string name, SourceLocation at)
        {
            Expect(ref r, JsonTokenType.StartObject, $"an object for indicator '{name}' with 'type' and 'params'");
            string? type = null;
            var parameters = new List<double>();
            Timeframe timeframe = Timeframe.OneMinute;
            CandleField input = CandleField.Close;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string where = $"indicator '{name}'";
            while (NextKey(ref r, where, IndicatorKeys, seen, out string key))
            {
                switch (key)
                {
                    case "type":
                        type = ReadNonEmptyString(ref r, "type").ToLowerInvariant();
                        break;
                    case "params":
                        Expect(ref r, JsonTokenType.StartArray, $"an array of numbers for 'params' of {where}");
                        for (Read(ref r); r.TokenType != JsonTokenType.EndArray; Read(ref r))
                        {
                            parameters.Add(ReadNumber(ref r, "params"));
                        }

                        break;
                    case "timeframe":
                        timeframe = ReadTimeframe(ref r, "timeframe");
                        break;
                    case "input":
                        string field = ReadString(ref r, "input");
                        input = field switch
                        {
                            "close" => CandleField.Close,
                            "open" => CandleField.Open,
                            "high" => CandleField.High,
                            "low" => CandleField.Low,
                            "volume" => CandleField.Volume,
                            _ => throw Error(ref r, $"'{field}' is not a candle field: expected close, open, high, low or volume"),
                        };
                        break;
                }
            }

            return type is null
                ? throw new StrategyDefinitionException(at, $"{where} has no 'type' (e.g. \"rsi\", \"ema\", \"macd\", \"bbands\")")
                : new IndicatorDefinition(name, type, parameters, timeframe, input, at);
        }

        public SignalRules ReadSide(ref Utf8JsonReader r, string side)
        {
            SourceLocation start = Expect(ref r, JsonTokenType.StartObject, $"an object for '{side}' with 'rules'");
            var rules = new List<SourceText>();
            int? required = null;
            SourceLocation requiredAt = start;
            SourceText? strength = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (NextKey(ref r, $"'{side}'", SideKeys, seen, out string key))
            {
                switch (key)
                {
                    case "rules":
                        if (r.TokenType == JsonTokenType.String)
                        {
                            rules.Add(ReadExpression(ref r, "rules"));
                            break;
                        }

                        Expect(ref r, JsonTokenType.StartArray, $"an expression or an array of expressions for 'rules' of '{side}'");
                        for (Read(ref r); r.TokenType != JsonTokenType.EndArray; Read(ref r))
                        {
                            rules.Add(ReadExpression(ref r, "rules"));
                        }

                        break;
                    case "require":
                        requiredAt = At(r.TokenStartIndex);
                        required = ReadCount(ref r, "require", 1);
                        break;
                    case "strength":
                        strength = ReadExpression(ref r, "strength");
                        break;
                }
            }

            if (rules.Count == 0)
            {
                throw new StrategyDefinitionException(start, $"'{side}' has no rules: give at least one expression in 'rules'");
            }

            if (required > rules.Count)
            {
                throw new StrategyDefinitionException(requiredAt, $"'require' is {required} but '{side}' has only {rules.Count} rule{(rules.Count == 1 ? "" : "s")}");
            }

            return new SignalRules(rules, required ?? rules.Count, strength ?? new SourceText("1", start));
        }

        public NoiseFilter ReadFilter(ref Utf8JsonReader r)
        {
            Expect(ref r, JsonTokenType.StartObject, "an object for 'filter' with 'events' and/or 'ms'");
            NoiseFilter filter = NoiseFilter.None;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (NextKey(ref r, "'filter'", FilterKeys, seen, out string key))
            {
                filter = key == "events" ? filter with { Events = ReadCount(ref r, "events", 1) } : filter with { Milliseconds = ReadCount(ref r, "ms", 0) };
            }

            return filter;
        }

        public ExitRules ReadExits(ref Utf8JsonReader r, string where)
        {
            Expect(ref r, JsonTokenType.StartObject, $"an object for '{where}'");
            ExitRules exits = default;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (NextKey(ref r, $"'{where}'", ExitKeys, seen, out string key))
            {
                exits = key switch
                {
                    "takeProfitBps" => exits with { TakeProfitBps = Positive(ref r, key) },
                    "stopLossBps" => exits with { StopLossBps = Positive(ref r, key) },
                    "trailingStopBps" => exits with { TrailingStopBps = Positive(ref r, key) },
                    _ => exits with { TimeStopMs = ReadCount(ref r, key, 1) },
                };
            }

            return exits;
        }

        private double Positive(ref Utf8JsonReader r, string key)
        {
            double value = ReadNumber(ref r, key);
            return value > 0 ? value : throw Error(ref r, $"'{key}' must be greater than 0 (leave it out to use the default)");
        }

        public SizingRule ReadSizing(ref Utf8JsonReader r)
        {
            Expect(ref r, JsonTokenType.StartObject, "an object for 'sizing' with 'fraction'");
            SizingRule sizing = default;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (NextKey(ref r, "'sizing'", SizingKeys, seen, out _))
            {
                double fraction = ReadNumber(ref r, "fraction");
                sizing = fraction is > 0 and <= 1 ? new SizingRule(fraction) : throw Error(ref r, "'fraction' must be in (0, 1]: the share of the free quote balance an entry may use");
            }

            return sizing;
        }

        public List<SessionOverride> ReadSessions(ref Utf8JsonReader r)
        {
            Expect(ref r, JsonTokenType.StartObject, "an object of session names for 'sessions', e.g. { \"asia\": { \"parameters\": { ... } } }");
            var sessions = new List<SessionOverride>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (NextKey(ref r, "'sessions'", [], names, out string session))
            {
                SourceLocation at = LastKeyAt;
                Expect(ref r, JsonTokenType.StartObject, $"an object for session '{session}' with 'parameters' and/or 'exits'");
                Dictionary<string, double> parameters = new(StringComparer.Ordinal);
                ExitRules exits = default;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (NextKey(ref r, $"session '{session}'", SessionKeys, seen, out string key))
                {
                    if (key == "parameters")
                    {
                        parameters = ReadParameters(ref r, $"parameters of session '{session}'");
                    }
                    else
                    {
                        exits = ReadExits(ref r, "exits");
                    }
                }

                sessions.Add(new SessionOverride(session, parameters, exits, at));
            }

            return sessions;
        }

        private static string Describe(ref Utf8JsonReader r) => r.TokenType switch
        {
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.EndObject => "'}'",
            JsonTokenType.EndArray => "']'",
            JsonTokenType.String => $"the string \"{r.GetString()}\"",
            JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(r.ValueSpan)}",
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => "null",
            _ => r.TokenType.ToString(),
        };
    }
}
