using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FlashTrader.EndToEnd.Tests.Dashboard;

/// <summary>
/// The real binary replaying the bundled sample slowly (so it is still running while a test looks), with the dashboard
/// on a free port; the URL comes from the "Dashboard http://…" line on stderr.
/// </summary>
public static partial class DashboardRun
{
    /// <summary>Runs <paramref name="whileRunning"/> against the dashboard's URL, then stops the bot with SIGTERM.</summary>
    public static FlashTraderProcess.Result With(RunDirectory run, IEnumerable<string> extraArgs, Action<Uri> whileRunning, double speed = 8)
    {
        Exception? failure = null;
        FlashTraderProcess.Result result = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--speed", speed.ToString(System.Globalization.CultureInfo.InvariantCulture), .. run.DataArgs,
                "--set", "Dashboard:Enabled=true", .. extraArgs],
            whileRunning: (process, stderr) =>
            {
                try
                {
                    whileRunning(WaitForUrl(process, stderr));
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
                finally
                {
                    if (!process.HasExited)
                    {
                        using Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                        kill.WaitForExit();
                    }
                }
            });
        if (failure is not null)
        {
            throw new InvalidOperationException($"{failure.Message}\n{result}", failure);
        }

        return result;
    }

    public static Uri WaitForUrl(Process process, Func<string> stderr)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromMinutes(1) && !process.HasExited)
        {
            Match m = UrlLine().Match(stderr());
            if (m.Success)
            {
                // A wildcard binding is reached through loopback.
                return new Uri(m.Groups[1].Value.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
            }

            Thread.Sleep(50);
        }

        throw new InvalidOperationException("the bot printed no 'Dashboard http://…' line:\n" + stderr());
    }

    [GeneratedRegex(@"^Dashboard (http://\S+)", RegexOptions.Multiline)]
    private static partial Regex UrlLine();
}
