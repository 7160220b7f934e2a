using FlashTrader.Core.Sessions;

namespace FlashTrader.Core.Configuration;

/// <summary>
/// Every rule a configuration must satisfy before anything connects. Each error names the full configuration key,
/// so a user can find the value in appsettings.json, an override file, or FLASHTRADER__Section__Key.
/// </summary>
public static class ConfigurationRules
{
    private static readonly string[] OrderTypes = ["LIMIT", "MARKET"];
    private static readonly string[] TimesInForce = ["IOC", "GTC", "FOK"];
    private static readonly string[] QueueModels = ["RiskAverse", "Probabilistic", "Touch"];
    private static readonly string[] LatencyDistributions = ["Constant", "Uniform", "LogNormal"];
    private static readonly string[] KnownStrategies = ["imbalance", "momentum", "volatility"];
    private static readonly string[] SizingModes = ["Score", "Fixed", "PercentOfEquity", "Atr", "Kelly"];
    private static readonly string[] LogLevels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    public static IReadOnlyList<ConfigurationError> Validate(FlashTraderOptions options)
    {
        var errors = new List<ConfigurationError>();
        ValidatePairs(options.TradingPairs, errors);
        ValidatePaper(options.PaperTrading, options.TradingPairs, errors);
        ValidateSignals(options.SignalGeneration, errors);
        ValidateExecution(options.Execution, errors);
        Require(options.PaperTrading.SimulatePartialFills && options.Execution.QueueModel != "Touch", "PaperTrading:SimulatePartialFills",
            "must be false unless Execution:QueueModel is Touch: with a queue model the book and the tape decide fills", errors);
        errors.AddRange(ValidateRisk(options.Risk, options.TradingPairs));
        ValidateSizing(options.Sizing, errors);
        ValidateMexc(options.Mexc, errors);
        ValidateMexcMarketData(options.Mexc.WebSocket, options.Mexc.Book, errors);
        ValidateSystem(options.System, errors);
        ValidateDashboard(options.Dashboard, errors);
        ValidateStrategies(options, errors);
        ValidateSessions(options.Sessions, errors);
        ValidateOrderSplitting(options.OrderSplitting, errors);
        Require(options.Pipeline.MaxSpeedThreads is < 0 or > 2, "Pipeline:MaxSpeedThreads",
            "must be 0 (2 on a machine with at least two cores, else 1), 1 (one thread) or 2 (market side | order side)", errors);
        Require(options.Pipeline.WarmIntervalMicros is not 0 and (< 20 or > 100_000), "Pipeline:WarmIntervalMicros",
            "must be 0 (off) or between 20 and 100000 microseconds", errors);
        return errors;
    }

    private static void ValidateOrderSplitting(OrderSplittingOptions o, List<ConfigurationError> errors)
    {
        const string k = "OrderSplitting";
        Require(o.MinParentNotional <= 0, $"{k}:MinParentNotional", "must be greater than 0", errors);
        Require(!(o.TouchShare > 0 && o.TouchShare <= 1), $"{k}:TouchShare", "must be a share in (0, 1]", errors);
        Require(o.MinChildNotional < 0, $"{k}:MinChildNotional", "must be 0 (the pair's MinNotional) or more", errors);
        Require(o.MaxChildNotional < 0, $"{k}:MaxChildNotional", "must be 0 (no cap) or more", errors);
        Require(o.MaxChildNotional > 0 && o.MaxChildNotional < o.MinChildNotional, $"{k}:MaxChildNotional", "must not be below MinChildNotional", errors);
        Require(o.IntervalMs < 0, $"{k}:IntervalMs", "must be 0 or more", errors);
        Require(!(o.PriceLimitBps >= 0 && o.PriceLimitBps <= 1_000), $"{k}:PriceLimitBps", "must be between 0 and 1000", errors);
        Require(o.TimeoutMs <= 0, $"{k}:TimeoutMs", "must be greater than 0", errors);
        Require(o.MaxChildren is < 1 or > 999, $"{k}:MaxChildren", "must be between 1 and 999", errors);
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
        Require(!QueueModels.Contains(e.QueueModel, StringComparer.Ordinal), $"{k}:QueueModel", $"must be one of {string.Join(", ", QueueModels)}", errors);
        LatencyOptions l = e.Latency;
        Require(!(l.EntryMs is >= 0 and <= 60_000), $"{k}:Latency:EntryMs", "must be between 0 and 60000", errors);
        Require(!(l.ResponseMs is >= 0 and <= 60_000), $"{k}:Latency:ResponseMs", "must be between 0 and 60000", errors);
        Require(!LatencyDistributions.Contains(l.Distribution, StringComparer.Ordinal), $"{k}:Latency:Distribution", $"must be one of {string.Join(", ", LatencyDistributions)}", errors);
        Require(!(l.JitterMs is >= 0 and <= 60_000), $"{k}:Latency:JitterMs", "must be between 0 and 60000", errors);
        Require(l.Distribution == "Uniform" && !(l.JitterMs > 0), $"{k}:Latency:JitterMs", "must be greater than 0 for a Uniform distribution", errors);
        Require(!(l.Sigma is > 0 and <= 3), $"{k}:Latency:Sigma", "must be in (0, 3]", errors);
    }

    /// <summary>
    /// The Risk section's rules alone: also applied to a runtime change of the limits (the dashboard). Correlation groups
    /// are checked against <paramref name="pairs"/> when given.
    /// </summary>
    public static IReadOnlyList<ConfigurationError> ValidateRisk(RiskOptions r, IReadOnlyList<TradingPairOptions>? pairs = null)
    {
        var errors = new List<ConfigurationError>();
        const string k = "Risk";
        Require(!(r.MaxDrawdownPercent is > 0 and <= 100), $"{k}:MaxDrawdownPercent", "must be in (0, 100]", errors);
        Require(r.DailyLossLimit <= 0, $"{k}:DailyLossLimit", "must be greater than 0", errors);
        const string off = "must be 0 (off) or more";
        Require(r.MaxNotionalPerPair < 0, $"{k}:MaxNotionalPerPair", off, errors);
        Require(r.MaxTotalExposure < 0, $"{k}:MaxTotalExposure", off, errors);
        Require(r.MaxExposurePerStrategy < 0, $"{k}:MaxExposurePerStrategy", off, errors);
        Require(r.MaxOrdersPerMinute is < 0 or > 100_000, $"{k}:MaxOrdersPerMinute", "must be between 0 (off) and 100000", errors);
        Require(r.MaxConsecutiveLosses is < 0 or > 10_000, $"{k}:MaxConsecutiveLosses", "must be between 0 (off) and 10000", errors);
        Require(r.ConsecutiveLossCooldownMs < 0, $"{k}:ConsecutiveLossCooldownMs", "must be 0 (until reset by hand) or more", errors);
        Require(r.StaleDataMs < 0, $"{k}:StaleDataMs", off, errors);
        Require(!(r.MaxSpreadBps >= 0), $"{k}:MaxSpreadBps", off, errors);
        Require(!(r.MaxVolatilityPercent >= 0), $"{k}:MaxVolatilityPercent", off, errors);
        Require(r.MaxRejections is < 0 or > 100_000, $"{k}:MaxRejections", "must be between 0 (off) and 100000", errors);
        Require(r.MaxRejections > 0 && r.RejectionWindowMs < 1, $"{k}:RejectionWindowMs", "must be at least 1 when MaxRejections is set", errors);
        Require(r.RejectionCooldownMs < 0, $"{k}:RejectionCooldownMs", "must be 0 (until reset by hand) or more", errors);
        // A configured but disabled pair is allowed (and ignored): disabling a pair must not break its group.
        var symbols = new HashSet<string>((pairs ?? []).Select(p => p.Symbol), StringComparer.Ordinal);
        for (int g = 0; g < r.CorrelationGroups.Count; g++)
        {
            CorrelationGroupOptions group = r.CorrelationGroups[g];
            string gk = $"{k}:CorrelationGroups:{g}";
            Require(group.MaxExposure < 0, $"{gk}:MaxExposure", off, errors);
            Require(group.Symbols.Count < 2, $"{gk}:Symbols", "must list at least two pairs", errors);
            for (int i = 0; i < group.Symbols.Count; i++)
            {
                Require(pairs is not null && !symbols.Contains(group.Symbols[i]), $"{gk}:Symbols:{i}", $"'{group.Symbols[i]}' is not a configured pair ({string.Join(", ", symbols.Order(StringComparer.Ordinal))})", errors);
            }
        }

        return errors;
    }

    private static void ValidateSizing(SizingOptions s, List<ConfigurationError> errors)
    {
        const string k = "Sizing";
        Require(!SizingModes.Contains(s.Mode, StringComparer.Ordinal), $"{k}:Mode", $"must be one of {string.Join(", ", SizingModes)}", errors);
        Require(s.FixedQuote <= 0, $"{k}:FixedQuote", "must be greater than 0", errors);
        Require(!(s.EquityPercent is > 0 and <= 100), $"{k}:EquityPercent", "must be in (0, 100]", errors);
        Require(!(s.RiskPercent is > 0 and <= 100), $"{k}:RiskPercent", "must be in (0, 100]", errors);
        Require(!(s.AtrMultiple > 0), $"{k}:AtrMultiple", "must be greater than 0", errors);
        Require(s.AtrPeriod is < 1 or > 1000, $"{k}:AtrPeriod", "must be between 1 and 1000", errors);
        Require(s.AtrBarMs < 1, $"{k}:AtrBarMs", "must be greater than 0", errors);
        Require(!(s.KellyFraction is > 0 and <= 1), $"{k}:KellyFraction", "must be in (0, 1]", errors);
        Require(s.KellyMinTrades < 1, $"{k}:KellyMinTrades", "must be at least 1", errors);
        Require(!(s.ReinvestShare is >= 0 and <= 1), $"{k}:ReinvestShare", "must be in [0, 1]", errors);
    }

    private static void ValidateMexc(MexcOptions m, List<ConfigurationError> errors)
    {
        Require(!IsUrl(m.RestUrl, "http", "https"), "Mexc:RestUrl", "must be an absolute http(s) URL", errors);
        Require(!IsUrl(m.WsUrl, "ws", "wss"), "Mexc:WsUrl", "must be an absolute ws(s) URL", errors);
        Require(m.RequestsPerSecond < 1, "Mexc:RequestsPerSecond", "must be at least 1", errors);
        Require(m.OrdersPerSecond < 1, "Mexc:OrdersPerSecond", "must be at least 1", errors);
        Require(m.RecvWindowMs is < 1 or > 60_000, "Mexc:RecvWindowMs", "must be between 1 and 60000 (MEXC's maximum)", errors);
        Require(m.RestTimeoutMs is < 100 or > 120_000, "Mexc:RestTimeoutMs", "must be between 100 and 120000", errors);
        Require(m.ConnectionLifetimeMs < 1_000, "Mexc:ConnectionLifetimeMs", "must be at least 1000", errors);
        Require(m.TimeSyncIntervalMs < 1_000, "Mexc:TimeSyncIntervalMs", "must be at least 1000", errors);
        Require(m.GetRetries is < 0 or > 10, "Mexc:GetRetries", "must be between 0 and 10", errors);
        Require(m.RetryBaseDelayMs is < 0 or > 60_000, "Mexc:RetryBaseDelayMs", "must be between 0 and 60000", errors);
        Require(m.BanBackoffMs < 1_000, "Mexc:BanBackoffMs", "must be at least 1000 (MEXC bans for 2 minutes or more)", errors);
        Require(!(m.CircuitFailureRatio is > 0 and <= 1), "Mexc:CircuitFailureRatio", "must be in (0, 1]", errors);
        Require(m.CircuitMinimumThroughput < 2, "Mexc:CircuitMinimumThroughput", "must be at least 2", errors);
        Require(m.CircuitSamplingMs < 500, "Mexc:CircuitSamplingMs", "must be at least 500", errors);
        Require(m.CircuitBreakMs < 500, "Mexc:CircuitBreakMs", "must be at least 500", errors);
        foreach ((string symbol, SymbolRuleOverrides o) in m.RuleOverrides)
        {
            string k = $"Mexc:RuleOverrides:{symbol}";
            Require(o.MinOrderSize <= 0, $"{k}:MinOrderSize", "must be greater than 0", errors);
            Require(o.MinNotional < 0, $"{k}:MinNotional", "must be 0 or more", errors);
            Require(o.PricePrecision is < 0 or > 8, $"{k}:PricePrecision", "must be between 0 and 8", errors);
            Require(o.QuantityPrecision is < 0 or > 8, $"{k}:QuantityPrecision", "must be between 0 and 8", errors);
            Require(o.MakerFee is < 0 or >= 0.1m, $"{k}:MakerFee", "must be a rate in [0, 0.1) (0.001 = 10 bps)", errors);
            Require(o.TakerFee is < 0 or >= 0.1m, $"{k}:TakerFee", "must be a rate in [0, 0.1) (0.001 = 10 bps)", errors);
        }
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

    private static void ValidateDashboard(DashboardOptions d, List<ConfigurationError> errors)
    {
        const string k = "Dashboard";
        Require(d.PublishIntervalMs is < 20 or > 60_000, $"{k}:PublishIntervalMs", "must be between 20 and 60000", errors);
        Require(d.DepthLevels is < 1 or > 500, $"{k}:DepthLevels", "must be between 1 and 500", errors);
        Require(d.RecentItems is < 1 or > 10_000, $"{k}:RecentItems", "must be between 1 and 10000", errors);
        if (!d.Enabled)
        {
            return;
        }

        string[] urls = d.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            errors.Add(new($"{k}:Urls", "must name at least one http(s) URL, e.g. http://127.0.0.1:8080"));
            return;
        }

        foreach (string url in urls)
        {
            string? host = HostOf(url);
            if (host is null)
            {
                errors.Add(new($"{k}:Urls", $"'{url}' is not an absolute http(s) URL with a port, e.g. http://127.0.0.1:8080"));
            }
            else if (!IsLoopback(host) && string.IsNullOrWhiteSpace(d.AccessToken))
            {
                errors.Add(new($"{k}:AccessToken", $"must be set: {k}:Urls binds '{url}' beyond loopback (set FLASHTRADER__Dashboard__AccessToken, or listen on 127.0.0.1)"));
            }
        }
    }

    /// <summary>The host of an ASP.NET Core listen URL (which may use the wildcards * and +), or null when malformed.</summary>
    private static string? HostOf(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0 || url[..scheme] is not ("http" or "https"))
        {
            return null;
        }

        string rest = url[(scheme + 3)..];
        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        string authority = slash >= 0 ? rest[..slash] : rest;
        int colon = authority.LastIndexOf(':');
        if (colon <= 0 || colon < authority.LastIndexOf(']') || !int.TryParse(authority[(colon + 1)..], out int port) || port is < 0 or > 65535)
        {
            return null;
        }

        return authority[..colon];
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out System.Net.IPAddress? address) && System.Net.IPAddress.IsLoopback(address));

    private static void ValidateStrategies(FlashTraderOptions options, List<ConfigurationError> errors)
    {
        StrategyOptions s = options.Strategies;
        for (int i = 0; i < s.Files.Count; i++)
        {
            Require(string.IsNullOrWhiteSpace(s.Files[i]), $"Strategies:Files:{i}", "must be a file path", errors);
        }

        Require(s.Directory is not null && s.Directory.Trim().Length == 0, "Strategies:Directory", "must be a folder path (or absent)", errors);
        Require(s.DebounceMs is < 0 or > 60_000, "Strategies:DebounceMs", "must be between 0 and 60000", errors);
        int total = options.SignalGeneration.Strategies.Count + s.Files.Count;
        Require(total > Signals.SignalSet.Capacity, "Strategies:Files",
            $"with SignalGeneration:Strategies that makes {total} strategies; at most {Signals.SignalSet.Capacity} run at once (remove built-ins from SignalGeneration:Strategies)", errors);
    }

    private static void ValidateSessions(SessionOptions s, List<ConfigurationError> errors)
    {
        foreach ((string name, string window) in s.Windows)
        {
            if (!Strategies.StrategyNames.IsIdentifier(name))
            {
                errors.Add(new($"Sessions:Windows:{name}", "a session name must start with a letter or '_' and hold only letters, digits and '_'"));
            }
            else if (!string.IsNullOrWhiteSpace(window) && !SessionWindow.TryParse(name, window, out _, out string problem))
            {
                errors.Add(new($"Sessions:Windows:{name}", problem));
            }
        }

        Require(s.Windows.Count(w => !string.IsNullOrWhiteSpace(w.Value)) > SessionCalendar.MaxSessions, "Sessions:Windows", $"at most {SessionCalendar.MaxSessions} sessions", errors);
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
