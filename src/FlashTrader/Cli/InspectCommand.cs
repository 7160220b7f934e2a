using System.CommandLine;
using FlashTrader.Storage.Inspection;

namespace FlashTrader.Cli;

/// <summary><c>flashtrader inspect</c>: header, per-symbol counts and time span of a recording; optionally its first events.</summary>
public static class InspectCommand
{
    public static Command Create()
    {
        var recording = new Argument<string>("recording") { Description = "The recording to inspect" };
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object" };
        var events = new Option<int>("--events")
        {
            Description = "Print the first N events as JSON lines",
            HelpName = "N",
            CustomParser = r => OptionValues.NonNegative(r, "--events", "events"),
        };
        var command = new Command("inspect", "Show what a recording holds") { recording, json, events };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string path = parse.GetValue(recording)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"recording not found: {path}");
            }

            int n = parse.GetValue(events);
            if (n > 0)
            {
                using Stream stdout = Console.OpenStandardOutput();
                RecordingInspector.WriteEvents(path, n, stdout);
                return ExitCode.Success;
            }

            RecordingSummary summary = RecordingInspector.Summarize(path);
            Console.Out.WriteLine(parse.GetValue(json) ? summary.ToJson() : summary.ToText());
            foreach (string warning in summary.Warnings)
            {
                Console.Error.WriteLine("warning: " + warning);
            }

            return ExitCode.Success;
        }));
        return command;
    }
}
