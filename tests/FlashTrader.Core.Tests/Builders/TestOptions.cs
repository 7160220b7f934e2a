using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;

namespace FlashTrader.Core.Tests.Builders;

/// <summary>The shipped configuration (config/appsettings.json) built in code, for tests to adjust.</summary>
internal static class TestOptions
{
    public static TradingPairOptions Btc() => new()
    {
        Symbol = "BTCUSDC",
        BaseAsset = "BTC",
        QuoteAsset = "USDC",
        MinOrderSize = 0.001m,
        MinNotional = 1m,
        PricePrecision = 2,
        QuantityPrecision = 6,
        MaxPosition = 0.1m,
        MakerFee = 0m,
        TakerFee = 0m,
    };

    public static TradingPairOptions Eth() => new()
    {
        Symbol = "ETHUSDC",
        BaseAsset = "ETH",
        QuoteAsset = "USDC",
        MinOrderSize = 0.01m,
        MinNotional = 1m,
        PricePrecision = 2,
        QuantityPrecision = 5,
        MaxPosition = 1.0m,
        MakerFee = 0m,
        TakerFee = 0m,
    };

    public static FlashTraderOptions Default() => new()
    {
        TradingPairs = [Btc(), Eth()],
        PaperTrading = new PaperTradingOptions
        {
            InitialBalance = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["USDC"] = 10_000m, ["BTC"] = 0m, ["ETH"] = 0m },
            SimulateSlippage = true,
            SlippageBps = 2.0,
        },
    };

    /// <summary>Orders reach the book and reports come back at once: for tests about something other than latency.</summary>
    public static FlashTraderOptions WithoutLatency(this FlashTraderOptions options)
    {
        options.Execution.Latency.EntryMs = 0;
        options.Execution.Latency.ResponseMs = 0;
        return options;
    }

    public static InstrumentSet Instruments(params TradingPairOptions[] pairs) => new(pairs);

    public static Dictionary<string, decimal> Balances(params (string Asset, decimal Amount)[] amounts) =>
        amounts.ToDictionary(a => a.Asset, a => a.Amount, StringComparer.Ordinal);
}
