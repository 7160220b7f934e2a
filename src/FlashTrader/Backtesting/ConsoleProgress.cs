using System.Globalization;
using Spectre.Console;

namespace FlashTrader.Backtesting;

/// <summary>
/// Progress of a long step: a Spectre.Console progress bar when standard output is a terminal, otherwise a plain line
/// per tenth done (logs and CI output stay readable).
/// </summary>
public static class ConsoleProgress
{
    public static T Run<T>(string description, TextWriter plain, Func<Action<long, long>, T> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            int lastTenth = -1;
            T result = work((done, total) =>
            {
                int tenth = total <= 0 ? 10 : (int)Math.Min(10, done * 10 / total);
                if (tenth != lastTenth)
                {
                    lastTenth = tenth;
                    plain.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{description}: {tenth * 10}%"));
                }
            });
            return result;
        }

        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(description, maxValue: 1);
                T result = work((done, total) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = Math.Min(done, total);
                });
                task.Value = task.MaxValue;
                return result;
            });
    }
}
