using FlashTrader.Core.Configuration;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Configuration;

/// <summary>One case per rule: the shipped configuration with one value broken, and the exact error(s) naming its full key.</summary>
public sealed class ConfigurationRulesTests
{
    private const string Pair = "TradingPairs:0";
    private const string Fee = "must be a rate in [0, 0.1) (0.001 = 10 bps)";
    private const string Signals = "SignalGeneration";
    private const string MaxSpeedThreadsRule = "must be 0 (2 on a machine with at least two cores, else 1), 1 (one thread) or 2 (market side | order side)";

    private static readonly Dictionary<string, (Action<FlashTraderOptions> Break, ConfigurationError[] Errors)> Cases = new(StringComparer.Ordinal)
    {
        ["OrderSplitting MinParentNotional 0"] = (o => o.OrderSplitting.MinParentNotional = 0m, [new("OrderSplitting:MinParentNotional", "must be greater than 0")]),
        ["OrderSplitting TouchShare 0"] = (o => o.OrderSplitting.TouchShare = 0, [new("OrderSplitting:TouchShare", "must be a share in (0, 1]")]),
        ["OrderSplitting TouchShare NaN"] = (o => o.OrderSplitting.TouchShare = double.NaN, [new("OrderSplitting:TouchShare", "must be a share in (0, 1]")]),
        ["OrderSplitting MinChildNotional negative"] = (o => o.OrderSplitting.MinChildNotional = -1m, [new("OrderSplitting:MinChildNotional", "must be 0 (the pair's MinNotional) or more")]),
        ["OrderSplitting MaxChildNotional below MinChildNotional"] = (o => (o.OrderSplitting.MinChildNotional, o.OrderSplitting.MaxChildNotional) = (200m, 100m),
            [new("OrderSplitting:MaxChildNotional", "must not be below MinChildNotional")]),
        ["OrderSplitting IntervalMs negative"] = (o => o.OrderSplitting.IntervalMs = -1, [new("OrderSplitting:IntervalMs", "must be 0 or more")]),
        ["OrderSplitting PriceLimitBps above 1000"] = (o => o.OrderSplitting.PriceLimitBps = 1_001, [new("OrderSplitting:PriceLimitBps", "must be between 0 and 1000")]),
        ["OrderSplitting TimeoutMs 0"] = (o => o.OrderSplitting.TimeoutMs = 0, [new("OrderSplitting:TimeoutMs", "must be greater than 0")]),
        ["OrderSplitting MaxChildren 1000"] = (o => o.OrderSplitting.MaxChildren = 1_000, [new("OrderSplitting:MaxChildren", "must be between 1 and 999")]),
        ["Pipeline MaxSpeedThreads -1"] = (o => o.Pipeline.MaxSpeedThreads = -1, [new("Pipeline:MaxSpeedThreads", MaxSpeedThreadsRule)]),
        ["Pipeline MaxSpeedThreads 3"] = (o => o.Pipeline.MaxSpeedThreads = 3, [new("Pipeline:MaxSpeedThreads", MaxSpeedThreadsRule)]),
        ["Pipeline WarmIntervalMicros 19"] = (o => o.Pipeline.WarmIntervalMicros = 19, [new("Pipeline:WarmIntervalMicros", "must be 0 (off) or between 20 and 100000 microseconds")]),
        ["Pipeline WarmIntervalMicros negative"] = (o => o.Pipeline.WarmIntervalMicros = -1, [new("Pipeline:WarmIntervalMicros", "must be 0 (off) or between 20 and 100000 microseconds")]),
        ["Pipeline WarmIntervalMicros 100001"] = (o => o.Pipeline.WarmIntervalMicros = 100_001, [new("Pipeline:WarmIntervalMicros", "must be 0 (off) or between 20 and 100000 microseconds")]),
        ["no pair enabled"] = (o => o.TradingPairs.ForEach(p => p.Enabled = false), [new("TradingPairs", "at least one pair must be enabled")]),
        ["lower-case symbol"] = (o => o.TradingPairs[0].Symbol = "btcusdc",
            [new($"{Pair}:Symbol", "must be an upper-case symbol such as BTCUSDC"), new($"{Pair}:Symbol", "must be BaseAsset followed by QuoteAsset (BTCUSDC)")]),
        ["symbol listed twice"] = (o => o.TradingPairs[1] = TestOptions.Btc(), [new("TradingPairs:1:Symbol", "BTCUSDC is listed twice")]),
        ["empty base asset"] = (o => o.TradingPairs[0].BaseAsset = "", [new($"{Pair}:BaseAsset", "must not be empty")]),
        ["empty quote asset"] = (o => (o.TradingPairs[0].QuoteAsset, o.TradingPairs[0].Symbol) = ("", "BTC"), [new($"{Pair}:QuoteAsset", "must not be empty")]),
        ["quote equals base"] = (o => (o.TradingPairs[0].QuoteAsset, o.TradingPairs[0].Symbol) = ("BTC", "BTCBTC"), [new($"{Pair}:QuoteAsset", "must differ from BaseAsset")]),
        ["symbol not base+quote"] = (o => o.TradingPairs[0].Symbol = "XBTUSDC", [new($"{Pair}:Symbol", "must be BaseAsset followed by QuoteAsset (BTCUSDC)")]),
        ["MinOrderSize 0"] = (o => o.TradingPairs[0].MinOrderSize = 0m, [new($"{Pair}:MinOrderSize", "must be greater than 0")]),
        ["MinNotional negative"] = (o => o.TradingPairs[0].MinNotional = -1m, [new($"{Pair}:MinNotional", "must be 0 or more")]),
        ["PricePrecision 9"] = (o => o.TradingPairs[0].PricePrecision = 9, [new($"{Pair}:PricePrecision", "must be between 0 and 8")]),
        ["QuantityPrecision -1"] = (o => o.TradingPairs[0].QuantityPrecision = -1, [new($"{Pair}:QuantityPrecision", "must be between 0 and 8")]),
        ["MaxPosition 0"] = (o => o.TradingPairs[0].MaxPosition = 0m, [new($"{Pair}:MaxPosition", "must be greater than 0")]),
        ["MinOrderSize above MaxPosition"] = (o => o.TradingPairs[0].MinOrderSize = 0.2m, [new($"{Pair}:MinOrderSize", "must not exceed MaxPosition")]),
        ["MinOrderSize finer than QuantityPrecision"] = (o => o.TradingPairs[0].MinOrderSize = 0.0010001m,
            [new($"{Pair}:MinOrderSize", "has more decimals than QuantityPrecision (6)")]),
        ["MakerFee 0.1"] = (o => o.TradingPairs[0].MakerFee = 0.1m, [new($"{Pair}:MakerFee", Fee)]),
        ["TakerFee negative"] = (o => o.TradingPairs[1].TakerFee = -0.0001m, [new("TradingPairs:1:TakerFee", Fee)]),
        ["negative initial balance"] = (o => o.PaperTrading.InitialBalance["USDC"] = -0.01m, [new("PaperTrading:InitialBalance:USDC", "must be 0 or more")]),
        ["initial balance beyond Fixed8"] = (o => o.PaperTrading.InitialBalance["BTC"] = 92_000_000_001m,
            [new("PaperTrading:InitialBalance:BTC", "is beyond the supported range (92 billion)")]),
        ["quote balance missing"] = (o => o.PaperTrading.InitialBalance.Remove("USDC"),
            [new("PaperTrading:InitialBalance:USDC", "must be set: BTCUSDC is quoted in USDC"), new("PaperTrading:InitialBalance:USDC", "must be set: ETHUSDC is quoted in USDC")]),
        ["SlippageBps above 1000"] = (o => o.PaperTrading.SlippageBps = 1000.5, [new("PaperTrading:SlippageBps", "must be between 0 and 1000")]),
        ["SlippageBps NaN"] = (o => o.PaperTrading.SlippageBps = double.NaN, [new("PaperTrading:SlippageBps", "must be between 0 and 1000")]),
        ["PartialFillProbability above 1"] = (o => o.PaperTrading.PartialFillProbability = 1.5, [new("PaperTrading:PartialFillProbability", "must be between 0 and 1")]),
        ["ImbalanceThreshold 1"] = (o => o.SignalGeneration.ImbalanceThreshold = 1, [new($"{Signals}:ImbalanceThreshold", "must be between 0 and 1 (exclusive)")]),
        ["ImbalanceThreshold 0"] = (o => o.SignalGeneration.ImbalanceThreshold = 0, [new($"{Signals}:ImbalanceThreshold", "must be between 0 and 1 (exclusive)")]),
        ["VolatilityThreshold 0"] = (o => o.SignalGeneration.VolatilityThreshold = 0, [new($"{Signals}:VolatilityThreshold", "must be greater than 0")]),
        ["MomentumThreshold NaN"] = (o => o.SignalGeneration.MomentumThreshold = double.NaN, [new($"{Signals}:MomentumThreshold", "must be greater than 0")]),
        ["MinSpreadBps negative"] = (o => o.SignalGeneration.MinSpreadBps = -1, [new($"{Signals}:MinSpreadBps", "must be 0 or more")]),
        ["MaxSpreadBps not above MinSpreadBps"] = (o => o.SignalGeneration.MaxSpreadBps = 0, [new($"{Signals}:MaxSpreadBps", "must be greater than MinSpreadBps")]),
        ["OrderBookDepth 0"] = (o => o.SignalGeneration.OrderBookDepth = 0, [new($"{Signals}:OrderBookDepth", "must be between 1 and 1000")]),
        ["UpdateIntervalMs 0"] = (o => o.SignalGeneration.UpdateIntervalMs = 0, [new($"{Signals}:UpdateIntervalMs", "must be between 1 and 60000")]),
        ["SignalIntervalMs negative"] = (o => o.SignalGeneration.SignalIntervalMs = -1, [new($"{Signals}:SignalIntervalMs", "must be between 0 and 60000")]),
        ["MomentumWindowMs under two samples"] = (o => o.SignalGeneration.MomentumWindowMs = 199,
            [new($"{Signals}:MomentumWindowMs", "must span between 2 and 100000 samples of UpdateIntervalMs (100 ms)")]),
        ["VolatilityWindowMs over 100000 samples"] = (o => o.SignalGeneration.VolatilityWindowMs = 10_000_100,
            [new($"{Signals}:VolatilityWindowMs", "must span between 2 and 100000 samples of UpdateIntervalMs (100 ms)")]),
        ["TrendWindowMs under two samples"] = (o => o.SignalGeneration.TrendWindowMs = 100,
            [new($"{Signals}:TrendWindowMs", "must span between 2 and 100000 samples of UpdateIntervalMs (100 ms)")]),
        ["TradeWindowMs 0"] = (o => o.SignalGeneration.TradeWindowMs = 0, [new($"{Signals}:TradeWindowMs", "must be greater than 0")]),
        ["unknown strategy"] = (o => o.SignalGeneration.Strategies = ["imbalance", "meanreversion"],
            [new($"{Signals}:Strategies:1", "unknown strategy 'meanreversion' (known: imbalance, momentum, volatility)")]),
        ["OrderType lower-case"] = (o => o.Execution.OrderType = "limit", [new("Execution:OrderType", "must be one of LIMIT, MARKET")]),
        ["TimeInForce GTD"] = (o => o.Execution.TimeInForce = "GTD", [new("Execution:TimeInForce", "must be one of IOC, GTC, FOK")]),
        ["TakeProfitBps 0"] = (o => o.Execution.TakeProfitBps = 0, [new("Execution:TakeProfitBps", "must be greater than 0")]),
        ["StopLossBps negative"] = (o => o.Execution.StopLossBps = -5, [new("Execution:StopLossBps", "must be greater than 0")]),
        ["MaxOpenOrders 0"] = (o => o.Execution.MaxOpenOrders = 0, [new("Execution:MaxOpenOrders", "must be at least 1")]),
        ["MaxDailyOrders 0"] = (o => o.Execution.MaxDailyOrders = 0, [new("Execution:MaxDailyOrders", "must be at least 1")]),
        ["MaxRetries negative"] = (o => o.Execution.MaxRetries = -1, [new("Execution:MaxRetries", "must be 0 or more")]),
        ["RetryDelayMs negative"] = (o => o.Execution.RetryDelayMs = -1, [new("Execution:RetryDelayMs", "must be 0 or more")]),
        ["EntryScore 0"] = (o => o.Execution.EntryScore = 0, [new("Execution:EntryScore", "must be greater than 0")]),
        ["SignalWindowMs 0"] = (o => o.Execution.SignalWindowMs = 0, [new("Execution:SignalWindowMs", "must be greater than 0")]),
        ["PositionSizeFraction above 1"] = (o => o.Execution.PositionSizeFraction = 1.01, [new("Execution:PositionSizeFraction", "must be in (0, 1]")]),
        ["PositionSizeFraction 0"] = (o => o.Execution.PositionSizeFraction = 0, [new("Execution:PositionSizeFraction", "must be in (0, 1]")]),
        ["EntryCooldownMs negative"] = (o => o.Execution.EntryCooldownMs = -1, [new("Execution:EntryCooldownMs", "must be 0 or more")]),
        ["QueueModel FIFO"] = (o => o.Execution.QueueModel = "FIFO", [new("Execution:QueueModel", "must be one of RiskAverse, Probabilistic, Touch")]),
        ["Latency EntryMs negative"] = (o => o.Execution.Latency.EntryMs = -1, [new("Execution:Latency:EntryMs", "must be between 0 and 60000")]),
        ["Latency ResponseMs NaN"] = (o => o.Execution.Latency.ResponseMs = double.NaN, [new("Execution:Latency:ResponseMs", "must be between 0 and 60000")]),
        ["Latency Distribution Normal"] = (o => o.Execution.Latency.Distribution = "Normal", [new("Execution:Latency:Distribution", "must be one of Constant, Uniform, LogNormal")]),
        ["Latency Uniform without jitter"] = (o => o.Execution.Latency.Distribution = "Uniform", [new("Execution:Latency:JitterMs", "must be greater than 0 for a Uniform distribution")]),
        ["Latency Sigma 0"] = (o => o.Execution.Latency.Sigma = 0, [new("Execution:Latency:Sigma", "must be in (0, 3]")]),
        ["Random partial fills with a queue model"] = (o => o.PaperTrading.SimulatePartialFills = true, [new("PaperTrading:SimulatePartialFills", "must be false unless Execution:QueueModel is Touch: with a queue model the book and the tape decide fills")]),
        ["MaxDrawdownPercent above 100"] = (o => o.Risk.MaxDrawdownPercent = 100.5, [new("Risk:MaxDrawdownPercent", "must be in (0, 100]")]),
        ["DailyLossLimit 0"] = (o => o.Risk.DailyLossLimit = 0m, [new("Risk:DailyLossLimit", "must be greater than 0")]),
        ["Sizing mode unknown"] = (o => o.Sizing.Mode = "Martingale", [new("Sizing:Mode", "must be one of Score, Fixed, PercentOfEquity, Atr, Kelly")]),
        ["ReinvestShare above 1"] = (o => o.Sizing.ReinvestShare = 1.5, [new("Sizing:ReinvestShare", "must be in [0, 1]")]),
        ["KellyFraction 0"] = (o => o.Sizing.KellyFraction = 0, [new("Sizing:KellyFraction", "must be in (0, 1]")]),
        ["MaxNotionalPerPair negative"] = (o => o.Risk.MaxNotionalPerPair = -1m, [new("Risk:MaxNotionalPerPair", "must be 0 (off) or more")]),
        ["MaxOrdersPerMinute negative"] = (o => o.Risk.MaxOrdersPerMinute = -1, [new("Risk:MaxOrdersPerMinute", "must be between 0 (off) and 100000")]),
        ["MaxSpreadBps NaN"] = (o => o.Risk.MaxSpreadBps = double.NaN, [new("Risk:MaxSpreadBps", "must be 0 (off) or more")]),
        ["RejectionWindowMs 0 with MaxRejections"] = (o => (o.Risk.MaxRejections, o.Risk.RejectionWindowMs) = (3, 0),
            [new("Risk:RejectionWindowMs", "must be at least 1 when MaxRejections is set")]),
        ["correlation group of one pair"] = (o => o.Risk.CorrelationGroups = [new() { Name = "btc", Symbols = ["BTCUSDC"], MaxExposure = 1m }],
            [new("Risk:CorrelationGroups:0:Symbols", "must list at least two pairs")]),
        ["correlation group with an unknown pair"] = (o => o.Risk.CorrelationGroups = [new() { Name = "majors", Symbols = ["BTCUSDC", "SOLUSDC"], MaxExposure = 1m }],
            [new("Risk:CorrelationGroups:0:Symbols:1", "'SOLUSDC' is not a configured pair (BTCUSDC, ETHUSDC)")]),
        ["RestUrl relative"] = (o => o.Mexc.RestUrl = "api.mexc.com", [new("Mexc:RestUrl", "must be an absolute http(s) URL")]),
        ["WsUrl https"] = (o => o.Mexc.WsUrl = "https://wbs-api.mexc.com/ws", [new("Mexc:WsUrl", "must be an absolute ws(s) URL")]),
        ["RequestsPerSecond 0"] = (o => o.Mexc.RequestsPerSecond = 0, [new("Mexc:RequestsPerSecond", "must be at least 1")]),
        ["OrdersPerSecond 0"] = (o => o.Mexc.OrdersPerSecond = 0, [new("Mexc:OrdersPerSecond", "must be at least 1")]),
        ["RecvWindowMs above 60000"] = (o => o.Mexc.RecvWindowMs = 60_001, [new("Mexc:RecvWindowMs", "must be between 1 and 60000 (MEXC's maximum)")]),
        ["RestTimeoutMs 99"] = (o => o.Mexc.RestTimeoutMs = 99, [new("Mexc:RestTimeoutMs", "must be between 100 and 120000")]),
        ["ConnectionLifetimeMs 999"] = (o => o.Mexc.ConnectionLifetimeMs = 999, [new("Mexc:ConnectionLifetimeMs", "must be at least 1000")]),
        ["TimeSyncIntervalMs 0"] = (o => o.Mexc.TimeSyncIntervalMs = 0, [new("Mexc:TimeSyncIntervalMs", "must be at least 1000")]),
        ["GetRetries 11"] = (o => o.Mexc.GetRetries = 11, [new("Mexc:GetRetries", "must be between 0 and 10")]),
        ["RetryBaseDelayMs negative"] = (o => o.Mexc.RetryBaseDelayMs = -1, [new("Mexc:RetryBaseDelayMs", "must be between 0 and 60000")]),
        ["BanBackoffMs 999"] = (o => o.Mexc.BanBackoffMs = 999, [new("Mexc:BanBackoffMs", "must be at least 1000 (MEXC bans for 2 minutes or more)")]),
        ["CircuitFailureRatio 0"] = (o => o.Mexc.CircuitFailureRatio = 0, [new("Mexc:CircuitFailureRatio", "must be in (0, 1]")]),
        ["CircuitMinimumThroughput 1"] = (o => o.Mexc.CircuitMinimumThroughput = 1, [new("Mexc:CircuitMinimumThroughput", "must be at least 2")]),
        ["CircuitSamplingMs 499"] = (o => o.Mexc.CircuitSamplingMs = 499, [new("Mexc:CircuitSamplingMs", "must be at least 500")]),
        ["CircuitBreakMs 499"] = (o => o.Mexc.CircuitBreakMs = 499, [new("Mexc:CircuitBreakMs", "must be at least 500")]),
        ["RuleOverrides MinOrderSize 0"] = (o => o.Mexc.RuleOverrides["BTCUSDC"] = new() { MinOrderSize = 0m }, [new("Mexc:RuleOverrides:BTCUSDC:MinOrderSize", "must be greater than 0")]),
        ["RuleOverrides PricePrecision 9"] = (o => o.Mexc.RuleOverrides["ETHUSDC"] = new() { PricePrecision = 9 }, [new("Mexc:RuleOverrides:ETHUSDC:PricePrecision", "must be between 0 and 8")]),
        ["RuleOverrides TakerFee 0.1"] = (o => o.Mexc.RuleOverrides["BTCUSDC"] = new() { TakerFee = 0.1m }, [new("Mexc:RuleOverrides:BTCUSDC:TakerFee", "must be a rate in [0, 0.1) (0.001 = 10 bps)")]),
        ["PingIntervalMs 60000"] = (o => o.Mexc.WebSocket.PingIntervalMs = 60_000,
            [new("Mexc:WebSocket:PingIntervalMs", "must be between 1000 and 55000 (MEXC disconnects after 60 s without traffic)")]),
        ["StaleTimeoutMs 999"] = (o => o.Mexc.WebSocket.StaleTimeoutMs = 999, [new("Mexc:WebSocket:StaleTimeoutMs", "must be at least 1000")]),
        ["ConnectTimeoutMs 99"] = (o => o.Mexc.WebSocket.ConnectTimeoutMs = 99, [new("Mexc:WebSocket:ConnectTimeoutMs", "must be at least 100")]),
        ["ReconnectInitialDelayMs 0"] = (o => o.Mexc.WebSocket.ReconnectInitialDelayMs = 0, [new("Mexc:WebSocket:ReconnectInitialDelayMs", "must be at least 1")]),
        ["ReconnectMaxDelayMs below initial"] = (o => o.Mexc.WebSocket.ReconnectMaxDelayMs = 499,
            [new("Mexc:WebSocket:ReconnectMaxDelayMs", "must be at least Mexc:WebSocket:ReconnectInitialDelayMs")]),
        ["MaxChannelsPerConnection 31"] = (o => o.Mexc.WebSocket.MaxChannelsPerConnection = 31,
            [new("Mexc:WebSocket:MaxChannelsPerConnection", "must be between 1 and 30 (MEXC's limit)")]),
        ["RotateAfterMinutes 24 h"] = (o => o.Mexc.WebSocket.RotateAfterMinutes = 1440,
            [new("Mexc:WebSocket:RotateAfterMinutes", "must be between 1 and 1439 (MEXC closes connections after 24 h)")]),
        ["SnapshotLimit 5001"] = (o => o.Mexc.Book.SnapshotLimit = 5001, [new("Mexc:Book:SnapshotLimit", "must be between 1 and 5000 (MEXC's maximum)")]),
        ["ResyncInitialDelayMs 0"] = (o => o.Mexc.Book.ResyncInitialDelayMs = 0, [new("Mexc:Book:ResyncInitialDelayMs", "must be at least 1")]),
        ["ResyncMaxDelayMs below initial"] = (o => o.Mexc.Book.ResyncMaxDelayMs = 249, [new("Mexc:Book:ResyncMaxDelayMs", "must be at least Mexc:Book:ResyncInitialDelayMs")]),
        ["MaxResyncAttempts 0"] = (o => o.Mexc.Book.MaxResyncAttempts = 0, [new("Mexc:Book:MaxResyncAttempts", "must be at least 1")]),
        ["LogLevel Info"] = (o => o.System.LogLevel = "Info", [new("System:LogLevel", "must be one of Verbose, Debug, Information, Warning, Error, Fatal")]),
        ["LogFile empty"] = (o => o.System.LogFile = "", [new("System:LogFile", "must be set when LogToFile is true")]),
        ["DataDirectory blank"] = (o => o.System.DataDirectory = " ", [new("System:DataDirectory", "must not be empty")]),
        ["MetricsIntervalMs 99"] = (o => o.System.MetricsIntervalMs = 99, [new("System:MetricsIntervalMs", "must be at least 100")]),
    };

    public static TheoryData<string> Rules() => [.. Cases.Keys];

    [Fact]
    public void The_shipped_configuration_is_valid()
    {
        ConfigurationRules.Validate(TestOptions.Default()).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_broken_rule_is_reported_under_its_full_key(string rule)
    {
        FlashTraderOptions options = TestOptions.Default();
        (Action<FlashTraderOptions> breakIt, ConfigurationError[] errors) = Cases[rule];

        breakIt(options);

        ConfigurationRules.Validate(options).Should().Equal(errors);
    }

    [Fact]
    public void Every_broken_rule_is_reported_not_only_the_first()
    {
        FlashTraderOptions options = TestOptions.Default();
        options.TradingPairs[1].MakerFee = 0.5m;
        options.Risk.DailyLossLimit = -1m;

        ConfigurationRules.Validate(options).Select(e => e.ToString()).Should().Equal(
            "TradingPairs:1:MakerFee: must be a rate in [0, 0.1) (0.001 = 10 bps)",
            "Risk:DailyLossLimit: must be greater than 0");
    }

    [Fact]
    public void A_disabled_pair_needs_no_quote_balance()
    {
        FlashTraderOptions options = TestOptions.Default();
        options.TradingPairs[1].QuoteAsset = "USDT";
        options.TradingPairs[1].Symbol = "ETHUSDT";
        options.TradingPairs[1].Enabled = false;

        ConfigurationRules.Validate(options).Should().BeEmpty();
    }
}
