namespace FlashTrader.Storage.Tests.Recording;

/// <summary>The repository's bundled real sample (samples/), found by walking up from the test assembly.</summary>
internal static class BundledSample
{
    public const string FileName = "binance-btc-eth-2024-08-08.ftrec";

    private static readonly Lazy<string> PathValue = new(Find);

    public static string Path => PathValue.Value;

    private static string Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "samples", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"no samples/{FileName} above {AppContext.BaseDirectory}");
    }
}
