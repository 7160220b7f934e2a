namespace FlashTrader.EndToEnd.Tests;

/// <summary>A scratch System:DataDirectory per test, removed afterwards.</summary>
public sealed class RunDirectory : IDisposable
{
    public RunDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flashtrader-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Arguments that keep a run's state, logs and fills inside this directory.</summary>
    public string[] DataArgs => ["--set", $"System:DataDirectory={Path}", "--set", "PaperTrading:LogTrades=false"];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory is harmless.
        }
    }
}
