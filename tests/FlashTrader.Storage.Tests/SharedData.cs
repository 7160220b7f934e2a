namespace FlashTrader.Storage.Tests;

/// <summary>Locates the shared real market data (/work/shared/data) by walking up from the test assembly.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The shared/data folder.</summary>
    public static string DataDirectory => Root.Value;

    public static string File(string set, string name) => Path.Combine(DataDirectory, set, name);

    public const string SpotL2 = "binance-spot-l2-btc-eth-2024-08-08";
    public const string FuturesTicks = "binance-futures-btcusdt-ticks";
    public const string Klines = "binanceus-1m-btcusdc-2023-03";

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string inside = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(inside))
            {
                return inside;
            }

            string sibling = Path.Combine(dir.FullName, "..", "shared", "data");
            if (Directory.Exists(sibling))
            {
                return Path.GetFullPath(sibling);
            }
        }

        throw new DirectoryNotFoundException($"no shared/data folder above {AppContext.BaseDirectory}");
    }
}
