using System.Diagnostics;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// <c>flashtrader sim</c> running as its own process on a free loopback port, started with the four lines it prints
/// before serving read (REST and WS addresses, API key and secret); disposing kills it.
/// </summary>
public sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SimulatorProcess(Process process, IReadOnlyList<string> banner)
    {
        _process = process;
        Banner = banner;
    }

    /// <summary>The lines printed before serving, in order.</summary>
    public IReadOnlyList<string> Banner { get; }

    public string RestUrl => Banner[0]["REST ".Length..];

    public string WsUrl => Banner[1]["WS ".Length..];

    public static async Task<SimulatorProcess> StartAsync(params string[] options)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = FlashTraderProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { FlashTraderProcess.Executable, "sim", "--port", "0" }.Concat(options))
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi)!;
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (lines.Count < 4)
        {
            string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                string stderr = await process.StandardError.ReadToEndAsync();
                process.Dispose();
                throw new InvalidOperationException("the simulator stopped before serving: " + stderr);
            }

            lines.Add(line);
        }

        return new SimulatorProcess(process, lines);
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
