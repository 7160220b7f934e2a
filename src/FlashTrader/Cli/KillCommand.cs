using System.CommandLine;
using System.Diagnostics;
using FlashTrader.Control;
using FlashTrader.Core.Configuration;
using FlashTrader.Hosting;

namespace FlashTrader.Cli;

/// <summary>
/// <c>flashtrader kill</c>: tells the instance running on the configured data directory to halt new entries, cancel
/// every working order and flatten every position (or, with --action, to pause, resume or reset its breakers), through
/// the control directory. Waits for the instance to take the command.
/// </summary>
public static class KillCommand
{
    public static Command Create()
    {
        var action = new Option<string>("--action")
        {
            Description = "kill (halt, cancel all, flatten; default), pause (halt entries), resume, or reset-breakers",
            DefaultValueFactory = _ => "kill",
            HelpName = "action",
        };
        action.AcceptOnlyFromAmong([.. ControlDirectory.ActionNames]);
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for the instance to take the command (default 10)",
            DefaultValueFactory = _ => 10,
            HelpName = "seconds",
            CustomParser = r => OptionValues.NonNegative(r, "--timeout", "seconds"),
        };
        var config = new Option<string?>("--config") { Description = "The JSON file the instance was started with (to find its data directory)", HelpName = "file" };
        var set = new Option<string[]>("--set") { Description = "Configuration overrides the instance was started with, e.g. System:DataDirectory=/data", HelpName = "key=value" };
        var command = new Command("kill", "Kill switch for the running instance: halt entries, cancel all orders, flatten (also SIGUSR1)")
        {
            action, timeout, config, set,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            FlashTraderOptions options = ConfigurationLoader.Bind(ConfigurationLoader.Build(parse.GetValue(config), parse.GetValue(set) ?? []));
            var directory = new ControlDirectory(options.System.DataDirectory);
            if (directory.RunningInstance() is not int pid)
            {
                Console.Error.WriteLine($"error: no running FlashTrader instance on data directory {Path.GetFullPath(options.System.DataDirectory)} ({directory.PidFile} names no live process)");
                return ExitCode.Failure;
            }

            string name = parse.GetValue(action)!;
            string file = directory.Send(name);
            var waited = Stopwatch.StartNew();
            while (File.Exists(file))
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(parse.GetValue(timeout)))
                {
                    Console.Error.WriteLine($"error: FlashTrader (pid {pid}) did not take the '{name}' command within {parse.GetValue(timeout)} s; it is still queued in {file}");
                    return ExitCode.Failure;
                }

                Thread.Sleep(20);
            }

            Console.Out.WriteLine($"{name}: taken by FlashTrader (pid {pid}); it applies before the next market event");
            return ExitCode.Success;
        }));
        return command;
    }
}
