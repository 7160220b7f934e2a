namespace FlashTrader.Core.Configuration;

/// <summary>The whole configuration, section by section, as bound from appsettings, --config, environment and command line.</summary>
public sealed class FlashTraderOptions
{
    public List<TradingPairOptions> TradingPairs { get; set; } = [];

    public PaperTradingOptions PaperTrading { get; set; } = new();

    public SignalGenerationOptions SignalGeneration { get; set; } = new();

    public ExecutionOptions Execution { get; set; } = new();

    public RiskOptions Risk { get; set; } = new();

    public SizingOptions Sizing { get; set; } = new();

    public MexcOptions Mexc { get; set; } = new();

    public SystemOptions System { get; set; } = new();

    public DashboardOptions Dashboard { get; set; } = new();
    public StrategyOptions Strategies { get; set; } = new();

    public SessionOptions Sessions { get; set; } = new();

    public OrderSplittingOptions OrderSplitting { get; set; } = new();

    public PipelineOptions Pipeline { get; set; } = new();
}
