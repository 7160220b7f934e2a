using System.IO.Compression;

namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>
/// The real REST depth snapshots in shared/data/binance-spot-l2-btc-eth-2024-08-08 (1000 levels a side, the same
/// <c>{"lastUpdateId","bids","asks"}</c> shape as MEXC's GET /depth): the JSON text of a file's first snapshot line.
/// </summary>
public static class RealDepthSnapshot
{
    private static readonly Lazy<string> Btc = new(() => Load("btcusdt_20240808.gz"));
    private static readonly Lazy<string> Eth = new(() => Load("ethusdt_20240808.gz"));

    public static string BtcUsdt => Btc.Value;

    public static string EthUsdt => Eth.Value;

    private static string Load(string file)
    {
        string path = SharedFolder.File("data", "binance-spot-l2-btc-eth-2024-08-08", file);
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (line.AsSpan(space + 1).StartsWith("{\"lastUpdateId\"", StringComparison.Ordinal))
            {
                return line[(space + 1)..];
            }
        }

        throw new InvalidDataException($"{path}: no depth snapshot line");
    }
}
