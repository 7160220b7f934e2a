using System.IO.Compression;

namespace FlashTrader.Storage.Tests.Import.Binance;

/// <summary>
/// Counts the messages of Binance capture files by plain text search, independently of the importer's JSON parsing,
/// so the importer's counts can be checked against the source files themselves.
/// </summary>
internal sealed record CaptureLineCounts(long Lines, long Depth, long Trade, long BookTicker, long Snapshot)
{
    public static CaptureLineCounts Of(params string[] paths)
    {
        long lines = 0, depth = 0, trade = 0, ticker = 0, snapshot = 0;
        foreach (string path in paths)
        {
            using Stream file = System.IO.File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var text = new StreamReader(gzip);
            while (text.ReadLine() is { } line)
            {
                lines++;
                if (line.Contains("\"e\":\"depthUpdate\"", StringComparison.Ordinal))
                {
                    depth++;
                }
                else if (line.Contains("\"e\":\"trade\"", StringComparison.Ordinal))
                {
                    trade++;
                }
                else if (line.Contains("@bookTicker\"", StringComparison.Ordinal))
                {
                    ticker++;
                }
                else if (line.Contains("{\"lastUpdateId\":", StringComparison.Ordinal))
                {
                    snapshot++;
                }
            }
        }

        return new CaptureLineCounts(lines, depth, trade, ticker, snapshot);
    }
}
