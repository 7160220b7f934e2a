namespace FlashTrader.Core.Configuration;

/// <summary>
/// Every rule a configuration must satisfy before anything connects. Each error names the full configuration key,
/// so a user can find the value in appsettings.json, an override file, or FLASHTRADER__Section__Key.
/// </summary>
public static class ConfigurationRules
{
    private static readonly string[] OrderTypes = ["LIMIT", "MARKET"];
    private static readonly string[] TimesInForce = ["IOC", "GTC", "FOK"];
    private static readonly string[] KnownStrategies = ["imbalance", "momentum", "volatility"];
    private static readonly string[] LogLevels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    public static IReadOnlyList<ConfigurationError> Validate(FlashTraderOptions options)
    {
        var errors = new List<ConfigurationError>();
        ValidatePairs(options.TradingPairs, errors);
        ValidatePaper(options.PaperTrading, options.TradingPairs, errors);
        ValidateSignals(options.SignalGeneration, errors);
        ValidateExecution(options.Execution, errors);
        ValidateRisk(options.Risk, errors);
        ValidateMexc(options.Mexc, errors);
        ValidateMexcMarketData(options.Mexc.WebSocket, options.Mexc.Book, errors);
        ValidateSystem(options.System, errors);
        return errors;
    }

    private static void ValidatePairs(List<TradingPairOptions> pairs, List<ConfigurationError> errors)
    {
        if (!pairs.Any(p => p.Enabled))
        {
            errors.Add(new("TradingPairs", "at least one pair must be enabled"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < pairs.Count; i++)
        {
            TradingPairOptions p = pairs[i];
            string k = $"TradingPairs:{i}";
            if (string.IsNullOrWhiteSpace(p.Symbol) || !p.Symbol.All(char.IsAsciiLetterOrDigit) || p.Symbol.Any(char.IsAsciiLetterLower))
            {
                errors.Add(new($"{k}:Symbol", "must be an upper-case symbol such as BTCUSDC"));
            }
            else if (!seen.Add(p.Symbol))
            {
                errors.Add(new($"{k}:Symbol", $"{p.Symbol} is listed twice"));
            }

            Require(string.IsNullOrWhiteSpace(p.BaseAsset), $"{k}:BaseAsset", "must not be empty", errors);
            Require(string.IsNullOrWhiteSpace(p.QuoteAsset), $"{k}:QuoteAsset", "must not be empty", errors);
            Require(p.BaseAsset == p.QuoteAsset && p.BaseAsset.Length > 0, $"{k}:QuoteAsset", "must differ from BaseAsset", errors);
            Require(!string.IsNullOrEmpty(p.Symbol) && p.BaseAsset.Length > 0 && p.Symbol != p.BaseAsset + p.QuoteAsset, $"{k}:Symbol", $"must be BaseAsset followed by QuoteAsset ({p.BaseAsset}{p.QuoteAsset})", errors);
            Require(p.MinOrderSize <= 0, $"{k}:MinOrderSize", "must be greater than 0", errors);
            Require(p.MinNotional < 0, $"{k}:MinNotional", "must be 0 or more", errors);
            Require(p.PricePrecision is < 0 or > 8, $"{k}:PricePrecision", "must be between 0 and 8", errors);
            Require(p.QuantityPrecision is < 0 or > 8, $"{k}:QuantityPrecision", "must be between 0 and 8", errors);
            Require(p.MaxPosition <= 0, $"{k}:MaxPosition", "must be greater than 0", errors);
            Require(p.MaxPosition > 0 && p.MinOrderSize > p.MaxPosition, $"{k}:MinOrderSize", "must not exceed MaxPosition", errors);
            Require(p.MakerFee is < 0 or >= 0.1m, $"{k}:MakerFee", "must be a rate in [0, 0.1) (0.001 = 10 bps)", errors);
            Require(p.TakerFee is < 0 or >= 0.1m, $"{k}:TakerFee", "must be a rate in [0, 0.1) (0.001 = 10 bps)", errors);
            Require(p.MinOrderSize > 0 && p.QuantityPrecision is >= 0 and <= 8 && decimal.Round(p.MinOrderSize, p.QuantityPrecision) != p.MinOrderSize,
                $"{k}:MinOrderSize", $"has more decimals than QuantityPrecision ({p.QuantityPrecision})", errors);
        }
    }

    private static void ValidatePaper(PaperTradingOptions paper, List<TradingPairOptions> pairs, List<ConfigurationError> errors)
    {
        foreach ((string asset, decimal amount) in paper.InitialBalance)
        {
            Require(amount < 0, $"PaperTrading:InitialBalance:{asset}", "must be 0 or more", errors);
            Require(amount > 92_000_000_000m, $"PaperTrading:InitialBalance:{asset}", "is beyond the supported range (92 billion)", errors);
        }

        foreach (TradingPairOptions p in pairs.Where(p => p.Enabled && p.QuoteAsset.Length > 0))
        {
            if (!paper.InitialBalance.ContainsKey(p.QuoteAsset))
            {
                errors.Add(new($"PaperTrading:InitialBalance:{p.QuoteAsset}", $"must be set: {p.Symbol} is quoted in {p.QuoteAsset}"));
            }
        }

        Require(paper.SlippageBps is < 0 or > 1000 || double.IsNaN(paper.SlippageBps), "PaperTrading:SlippageBps", "must be between 0 and 1000", errors);
        Require(paper.PartialFillProbability is < 0 or > 1 || double.IsNaN(paper.PartialFillProbability), "PaperTrading:PartialFillProbability", "must be between 0 and 1", errors);
    }

    private static void ValidateSignals(SignalGenerationOptions s, List<ConfigurationError> errors)
    {
        const string k = "SignalGeneration";
        Require(!(s.ImbalanceThreshold is > 0 and < 1), $"{k}:ImbalanceThreshold", "must be between 0 and 1 (exclusive)", errors);
        Require(!(s.VolatilityThreshold > 0), $"{k}:VolatilityThreshold", "must be greater than 0", errors);
        Require(!(s.MomentumThreshold > 0), $"{k}:MomentumThreshold", "must be greater than 0", errors);
        Require(!(s.MinSpreadBps >= 0), $"{k}:MinSpreadBps", "must be 0 or more", errors);
        Require(!(s.MaxSpreadBps > s.MinSpreadBps), $"{k}:MaxSpreadBps", "must be greater than MinSpreadBps", errors);
        Require(s.OrderBookDepth is < 1 or > 1000, $"{k}:OrderBookDepth", "must be between 1 and 1000", errors);
        Require(s.UpdateIntervalMs is < 1 or > 60_000, $"{k}:UpdateIntervalMs", "must be between 1 and 60000", errors);
        Require(s.SignalIntervalMs is < 0 or > 60_000, $"{k}:SignalIntervalMs", "must be between 0 and 60000", errors);
        foreach ((string name, int window) in new[] { ("MomentumWindowMs", s.MomentumWindowMs), ("VolatilityWindowMs", s.VolatilityWindowMs), ("TrendWindowMs", s.TrendWindowMs) })
        {
            if (s.UpdateIntervalMs >= 1 && (window < 2 * s.UpdateIntervalMs || window / s.UpdateIntervalMs > 100_000))
            {
                errors.Add(new($"{k}:{name}", $"must span between 2 and 100000 samples of UpdateIntervalMs ({s.UpdateIntervalMs} ms)"));
            }
        }

        Require(s.TradeWindowMs < 1, $"{k}:TradeWindowMs", "must be greater than 0", errors);
        for (int i = 0; i < s.Strategies.Count; i++)
        {
            if (!KnownStrategies.Contains(s.Strategies[i], StringComparer.Ordinal))
            {
                errors.Add(new($"{k}:Strategies:{i}", $"unknown strategy '{s.Strategies[i]}' (known: {string.Join(", ", KnownStrategies)})"));
            }
        }
    }

    private static void ValidateExecution(ExecutionOptions e, List<ConfigurationError> errors)
    {
        const string k = "Execution";
        Require(!OrderTypes.Contains(e.OrderType, StringComparer.Ordinal), $"{k}:OrderType", $"must be one of {string.Join(", ", OrderTypes)}", errors);
        Require(!TimesInForce.Contains(e.TimeInForce, StringComparer.Ordinal), $"{k}:TimeInForce", $"must be one of {string.Join(", ", TimesInForce)}", errors);
        Require(!(e.TakeProfitBps > 0), $"{k}:TakeProfitBps", "must be greater than 0", errors);
        Require(!(e.StopLossBps > 0), $"{k}:StopLossBps", "must be greater than 0", errors);
        Require(e.MaxOpenOrders < 1, $"{k}:MaxOpenOrders", "must be at least 1", errors);
        Require(e.MaxDailyOrders < 1, $"{k}:MaxDailyOrders", "must be at least 1", errors);
        Require(e.MaxRetries < 0, $"{k}:MaxRetries", "must be 0 or more", errors);
        Require(e.RetryDelayMs < 0, $"{k}:RetryDelayMs", "must be 0 or more", errors);
        Require(!(e.EntryScore > 0), $"{k}:EntryScore", "must be greater than 0", errors);
        Require(e.SignalWindowMs < 1, $"{k}:SignalWindowMs", "must be greater than 0", errors);
        Require(!(e.PositionSizeFraction is > 0 and <= 1), $"{k}:PositionSizeFraction", "must be in (0, 1]", errors);
        Require(e.EntryCooldownMs < 0, $"{k}:EntryCooldownMs", "must be 0 or more", errors);
    }

    private static void ValidateRisk(RiskOptions r, List<ConfigurationError> errors)
    {
        Require(!(r.MaxDrawdownPercent is > 0 and <= 100), "Risk:MaxDrawdownPercent", "must be in (0, 100]", errors);
        Require(r.DailyLossLimit <= 0, "Risk:DailyLossLimit", "must be greater than 0", errors);
    }

    private static void ValidateMexc(MexcOptions m, List<ConfigurationError> errors)
    {
        Require(!IsUrl(m.RestUrl, "http", "https"), "Mexc:RestUrl", "must be an absolute http(s) URL", errors);
        Require(!IsUrl(m.WsUrl, "ws", "wss"), "Mexc:WsUrl", "must be an absolute ws(s) URL", errors);
        Require(m.RequestsPerSecond < 1, "Mexc:RequestsPerSecond", "must be at least 1", errors);
        Require(m.OrdersPerSecond < 1, "Mexc:OrdersPerSecond", "must be at least 1", errors);
        Require(m.RecvWindowMs is < 1 or > 60_000, "Mexc:RecvWindowMs", "must be between 1 and 60000 (MEXC's maximum)", errors);
    }

    private static void ValidateMexcMarketData(MexcWebSocketOptions ws, MexcBookOptions book, List<ConfigurationError> errors)
    {
        Require(ws.PingIntervalMs is < 1000 or > 55_000, "Mexc:WebSocket:PingIntervalMs", "must be between 1000 and 55000 (MEXC disconnects after 60 s without traffic)", errors);
        Require(ws.StaleTimeoutMs < 1000, "Mexc:WebSocket:StaleTimeoutMs", "must be at least 1000", errors);
        Require(ws.ConnectTimeoutMs < 100, "Mexc:WebSocket:ConnectTimeoutMs", "must be at least 100", errors);
        Require(ws.ReconnectInitialDelayMs < 1, "Mexc:WebSocket:ReconnectInitialDelayMs", "must be at least 1", errors);
        Require(ws.ReconnectMaxDelayMs < ws.ReconnectInitialDelayMs, "Mexc:WebSocket:ReconnectMaxDelayMs", "must be at least Mexc:WebSocket:ReconnectInitialDelayMs", errors);
        Require(ws.MaxChannelsPerConnection is < 1 or > MexcWebSocketOptions.MexcChannelLimit, "Mexc:WebSocket:MaxChannelsPerConnection", $"must be between 1 and {MexcWebSocketOptions.MexcChannelLimit} (MEXC's limit)", errors);
        Require(ws.RotateAfterMinutes is < 1 or >= MexcWebSocketOptions.MexcConnectionLifetimeMinutes, "Mexc:WebSocket:RotateAfterMinutes", $"must be between 1 and {MexcWebSocketOptions.MexcConnectionLifetimeMinutes - 1} (MEXC closes connections after 24 h)", errors);
        Require(book.SnapshotLimit is < 1 or > MexcBookOptions.MexcSnapshotLimit, "Mexc:Book:SnapshotLimit", $"must be between 1 and {MexcBookOptions.MexcSnapshotLimit} (MEXC's maximum)", errors);
        Require(book.ResyncInitialDelayMs < 1, "Mexc:Book:ResyncInitialDelayMs", "must be at least 1", errors);
        Require(book.ResyncMaxDelayMs < book.ResyncInitialDelayMs, "Mexc:Book:ResyncMaxDelayMs", "must be at least Mexc:Book:ResyncInitialDelayMs", errors);
        Require(book.MaxResyncAttempts < 1, "Mexc:Book:MaxResyncAttempts", "must be at least 1", errors);
    }

    private static void ValidateSystem(SystemOptions s, List<ConfigurationError> errors)
    {
        Require(!LogLevels.Contains(s.LogLevel, StringComparer.Ordinal), "System:LogLevel", $"must be one of {string.Join(", ", LogLevels)}", errors);
        Require(s.LogToFile && string.IsNullOrWhiteSpace(s.LogFile), "System:LogFile", "must be set when LogToFile is true", errors);
        Require(string.IsNullOrWhiteSpace(s.DataDirectory), "System:DataDirectory", "must not be empty", errors);
        Require(s.MetricsIntervalMs < 100, "System:MetricsIntervalMs", "must be at least 100", errors);
    }

    private static bool IsUrl(string value, string scheme1, string scheme2) =>
        Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == scheme1 || uri.Scheme == scheme2);

    private static void Require(bool broken, string key, string rule, List<ConfigurationError> errors)
    {
        if (broken)
        {
            errors.Add(new(key, rule));
        }
    }
}
