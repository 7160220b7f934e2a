using System.Diagnostics;
using System.Text;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>Runs the real FlashTrader binary (the build output referenced by this project) from the repository root.</summary>
public static class FlashTraderProcess
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string SharedData => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string Sample => Path.Combine(RepositoryRoot, "samples", "binance-btc-eth-2024-08-08.ftrec");

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "FlashTrader.dll");

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
    }

    public static Result Run(IEnumerable<string> args, IDictionary<string, string>? environment = null, TimeSpan? timeout = null, Action<Process, Func<string>>? whileRunning = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Executable);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        // Tests run in parallel: the dashboard's default fixed port would collide. A test that wants it turns it on
        // (--set beats the environment) on port 0.
        psi.Environment["FLASHTRADER__Dashboard__Enabled"] = "false";
        foreach ((string k, string v) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[k] = v;
        }

        using var process = new Process { StartInfo = psi };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        whileRunning?.Invoke(process, () => { lock (stderr) { return stderr.ToString(); } });
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"flashtrader {string.Join(' ', args)} did not finish in time\n{stdout}\n{stderr}");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "FlashTrader.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("FlashTrader.sln not found above " + AppContext.BaseDirectory);
    }
}
