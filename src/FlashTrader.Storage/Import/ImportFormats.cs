namespace FlashTrader.Storage.Import;

/// <summary>The source formats <see cref="RecordingImporter"/> reads.</summary>
public static class ImportFormats
{
    /// <summary>Binance combined-stream capture lines "&lt;local ts&gt; &lt;json&gt;", gzipped or plain.</summary>
    public const string BinanceCapture = "binance-capture";

    /// <summary>NautilusTrader's Binance depth CSV (snap and set rows).</summary>
    public const string BinanceDepthCsv = "binance-depth-csv";

    public const string TardisTrades = "tardis-trades";

    public const string TardisQuotes = "tardis-quotes";

    /// <summary>tardis incremental_book_L2 CSV.</summary>
    public const string TardisBook = "tardis-book";

    /// <summary>OHLCV bars with a header row.</summary>
    public const string KlinesCsv = "klines-csv";

    public static IReadOnlyList<string> Known { get; } =
        [BinanceCapture, BinanceDepthCsv, TardisTrades, TardisQuotes, TardisBook, KlinesCsv];
}
