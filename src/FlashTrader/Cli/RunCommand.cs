using System.CommandLine;
using System.Globalization;
using FlashTrader.Hosting;
using FlashTrader.Pipeline;

namespace FlashTrader.Cli;

/// <summary>The root command: run the bot (paper trading on live data, or on a recording with --replay).</summary>
public static class RunCommand
{
    public static readonly Option<int> Duration = new("--duration")
    {
        Description = "Stop cleanly after this many seconds (0 or absent: run until Ctrl-C / SIGTERM, or the end of a replay)",
        HelpName = "seconds",
        CustomParser = r => OptionValues.NonNegative(r, "--duration", "seconds"),
    };

    public static readonly Option<bool> Reset = new("--reset") { Description = "Wipe the paper account back to PaperTrading:InitialBalance" };

    public static readonly Option<string?> Config = new("--config") { Description = "A JSON file layered over config/appsettings.json", HelpName = "file" };

    public static readonly Option<string?> Env = new("--env") { Description = "dotenv file with MEXC_API_KEY / MEXC_API_SECRET (default .env-secure/.env; absent is fine for paper trading)", HelpName = "file" };

    public static readonly Option<string?> Replay = new("--replay") { Description = "Market data from a recording instead of live MEXC", HelpName = "recording" };

    public static readonly Option<double?> Speed = new("--speed")
    {
        Description = "Replay pace: 1 = real time, 10 = ten times faster, max = as fast as possible (default). A paced replay can keep the chain warm between events: --set Pipeline:WarmIntervalMicros=100 (default 0 = off), and carry an event that finds the chain idle through the stages by direct calls instead of channel hops: --set Pipeline:DirectPath=true (default false)",
        HelpName = "factor|max",
        CustomParser = r =>
        {
            string token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (token.Equals("max", StringComparison.OrdinalIgnoreCase))
            {
                // Not null: System.CommandLine then falls back to converting the token itself, and "max" is no number.
                return double.PositiveInfinity;
            }

            if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v))
            {
                return v;
            }

            r.AddError($"--speed: '{token}' is not a positive number or 'max'");
            return null;
        },
    };

    public static readonly Option<string?> Summary = new("--summary") { Description = "Also write the run summary as JSON to this file", HelpName = "file" };

    public static readonly Option<string[]> Set = new("--set")
    {
        Description = "Override a configuration value, e.g. --set Execution:TakeProfitBps=30 (repeatable; applied last)",
        HelpName = "key=value",
        AllowMultipleArgumentsPerToken = false,
    };

    public static void AddTo(RootCommand root)
    {
        foreach (Option o in new Option[] { Duration, Reset, Config, Env, Replay, Speed, Summary, Set })
        {
            root.Options.Add(o);
        }

        root.SetAction((parse, _) => RunAsync(parse));
    }

    private static Task<int> RunAsync(ParseResult parse)
    {
        int duration = parse.GetValue(Duration);
        var settings = new RunSettings
        {
            Duration = duration > 0 ? TimeSpan.FromSeconds(duration) : null,
            Reset = parse.GetValue(Reset),
            ConfigFile = parse.GetValue(Config),
            EnvFile = parse.GetValue(Env),
            Replay = parse.GetValue(Replay),
            Speed = parse.GetValue(Speed) is double speed && double.IsFinite(speed) ? speed : null,
            SummaryFile = parse.GetValue(Summary),
            Settings = parse.GetValue(Set) ?? [],
        };
        return CommandErrors.GuardAsync(() => BotRunner.RunAsync(settings, Console.Out));
    }
}
