using FlashTrader.Core.Configuration;

namespace FlashTrader.Core.Tests.Builders;

/// <summary>The shipped configuration with the sample's Binance symbols standing for the MEXC pairs.</summary>
internal static class SampleOptions
{
    public static FlashTraderOptions Create()
    {
        FlashTraderOptions options = TestOptions.Default();
        options.TradingPairs[0].SourceSymbols = ["BTCUSDT"];
        options.TradingPairs[1].SourceSymbols = ["ETHUSDT"];
        return options;
    }
}
