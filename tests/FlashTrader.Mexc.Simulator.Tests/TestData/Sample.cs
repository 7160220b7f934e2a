using FlashTrader.Core.Configuration;
using FlashTrader.Mexc.Simulator;

namespace FlashTrader.Mexc.Simulator.Tests.TestData;

/// <summary>
/// The bundled sample recording (real Binance BTCUSDT/ETHUSDT L2 data from ../shared/data, imported as BTCUSDC and
/// ETHUSDC) and the simulator options the tests serve it with.
/// </summary>
public static class Sample
{
    private static readonly Lazy<string> Recording = new(() =>
    {
        // The shared data sit beside the checkout; the sample sits in the checkout's samples/ folder.
        string repository = Path.GetDirectoryName(global::FlashTrader.Tests.Shared.SharedFolder.Path)!;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "binance-btc-eth-2024-08-08.ftrec");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"samples/binance-btc-eth-2024-08-08.ftrec not found above {AppContext.BaseDirectory} (shared data at {repository})");
    });

    public static string RecordingPath => Recording.Value;

    public static IReadOnlyList<TradingPairOptions> Pairs { get; } =
    [
        new TradingPairOptions
        {
            Symbol = "BTCUSDC", BaseAsset = "BTC", QuoteAsset = "USDC", MinOrderSize = 0.0001m, MinNotional = 1m,
            PricePrecision = 2, QuantityPrecision = 6, MakerFee = 0m, TakerFee = 0.0002m,
        },
        new TradingPairOptions
        {
            Symbol = "ETHUSDC", BaseAsset = "ETH", QuoteAsset = "USDC", MinOrderSize = 0.001m, MinNotional = 1m,
            PricePrecision = 2, QuantityPrecision = 5, MakerFee = 0m, TakerFee = 0m,
        },
    ];

    /// <summary>Options for a test: the sample, a free port, paused at the synced books unless told otherwise.</summary>
    public static SimulatorOptions Options(bool autoStart = false, double? speed = null) => new()
    {
        RecordingPath = RecordingPath,
        Pairs = Pairs,
        InitialBalances = new Dictionary<string, decimal> { ["USDC"] = 100_000m, ["BTC"] = 1m, ["ETH"] = 10m },
        AutoStart = autoStart,
        Speed = speed,
    };
}
