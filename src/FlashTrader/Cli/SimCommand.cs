using System.CommandLine;
using System.Globalization;
using FlashTrader.Core.Configuration;
using FlashTrader.Hosting;
using FlashTrader.Mexc.Simulator;
using FlashTrader.Mexc.Simulator.Faults;

namespace FlashTrader.Cli;

/// <summary>
/// <c>flashtrader sim</c>: a local MEXC exchange serving a recording over REST and the protobuf WebSocket on 127.0.0.1.
/// Symbols, rules and the account's starting balances come from the configuration (TradingPairs, PaperTrading).
/// </summary>
public static class SimCommand
{
    public static Command Create()
    {
        var recording = new Option<string>("--recording") { Description = "The recording served as the market", Required = true, HelpName = "file" };
        var port = new Option<int>("--port")
        {
            Description = "Port on 127.0.0.1 (0, the default, picks a free one)",
            HelpName = "N",
            CustomParser = r => OptionValues.NonNegative(r, "--port", "port"),
        };
        // max is carried as +infinity: a nullable option with a default cannot parse to null.
        var speed = new Option<double>("--speed")
        {
            Description = "Replay pace: 1 = real time (default), 10 = ten times faster, max = as fast as the slowest client reads",
            HelpName = "x|max",
            DefaultValueFactory = _ => 1.0,
            CustomParser = r =>
            {
                string token = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
                if (token.Equals("max", StringComparison.OrdinalIgnoreCase))
                {
                    return double.PositiveInfinity;
                }

                if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v))
                {
                    return v;
                }

                r.AddError($"--speed: '{token}' is not a positive number or 'max'");
                return 1.0;
            },
        };
        var loop = new Option<bool>("--loop") { Description = "Start the recording over at its end (versions and times keep increasing)" };
        var liveTimes = new Option<bool>("--live-times") { Description = "Serve times shifted so the replay starts now (pushes look live); default: as recorded" };
        var unaggregated = new Option<bool>("--unaggregated")
        {
            Description = "Push every recorded event on its own at its own time (no 10/100 ms aggregation, no klines), start when the depth channels are subscribed and hold after each symbol's first diff until its snapshot is fetched: the live path then sees what --replay sees",
        };
        var faults = new Option<string?>("--faults")
        {
            Description = "Faults to inject, e.g. seed=7;drop=30s;gap=0.01;delay=20ms;jitter=30ms;malformed=0.001;429=0.05;418=0.01;order5xx=0.1;skew=-1500ms;lifetime=10m",
            HelpName = "spec",
        };
        var apiKey = new Option<string?>("--api-key") { Description = "The API key clients sign with (default printed at start)", HelpName = "K" };
        var apiSecret = new Option<string?>("--api-secret") { Description = "The API secret clients sign with (default printed at start)", HelpName = "S" };
        var command = new Command("sim", "Serve a recording as a local MEXC exchange (REST + WebSocket) for rehearsals and tests")
        {
            recording, port, speed, loop, liveTimes, unaggregated, faults, apiKey, apiSecret, RunCommand.Config, RunCommand.Set,
        };
        command.SetAction((parse, cancel) => CommandErrors.GuardAsync(async () =>
        {
            FaultPlan plan;
            try
            {
                plan = FaultPlan.Parse(parse.GetValue(faults));
            }
            catch (FormatException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            string path = parse.GetValue(recording)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"--recording: file not found: {path}");
            }

            FlashTraderOptions config = ConfigurationLoader.Bind(ConfigurationLoader.Build(parse.GetValue(RunCommand.Config), parse.GetValue(RunCommand.Set) ?? []));
            var options = new SimulatorOptions
            {
                RecordingPath = path,
                Pairs = config.TradingPairs,
                InitialBalances = config.PaperTrading.InitialBalance,
                Port = parse.GetValue(port),
                Speed = parse.GetValue(speed) is var pace && double.IsPositiveInfinity(pace) ? null : pace,
                Loop = parse.GetValue(loop),
                LiveTimes = parse.GetValue(liveTimes),
                Unaggregated = parse.GetValue(unaggregated),
                Faults = plan,
                ApiKey = parse.GetValue(apiKey) ?? SimulatorOptions.DefaultApiKey,
                ApiSecret = parse.GetValue(apiSecret) ?? SimulatorOptions.DefaultApiSecret,
            };
            return await ServeAsync(options, cancel).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> ServeAsync(SimulatorOptions options, CancellationToken cancel)
    {
        MexcSimulator simulator;
        try
        {
            simulator = await MexcSimulator.StartAsync(options, cancel).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            // The recording cannot be served as configured (no snapshot, no matching symbols).
            throw new UsageException(ex.Message, ex);
        }

        await using (simulator.ConfigureAwait(false))
        {
            TextWriter output = Console.Out;
            await output.WriteLineAsync($"REST {simulator.RestUrl.ToString().TrimEnd('/')}").ConfigureAwait(false);
            await output.WriteLineAsync($"WS {simulator.WsUrl}").ConfigureAwait(false);
            await output.WriteLineAsync($"API key {options.ApiKey}").ConfigureAwait(false);
            await output.WriteLineAsync($"API secret {options.ApiSecret}").ConfigureAwait(false);
            await output.FlushAsync(cancel).ConfigureAwait(false);
            try
            {
                await Task.WhenAny(simulator.ReplayCompleted, Task.Delay(Timeout.Infinite, cancel)).ConfigureAwait(false);
                if (simulator.ReplayCompleted.IsCompleted)
                {
                    await simulator.ReplayCompleted.ConfigureAwait(false);
                    await output.WriteLineAsync($"replay finished: {simulator.EventsReplayed:N0} events, {simulator.PushesSent:N0} pushes; serving the final state until stopped").ConfigureAwait(false);
                    await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
            }

            await output.WriteLineAsync($"stopped: {simulator.EventsReplayed:N0} events replayed, {simulator.PushesSent:N0} pushes sent").ConfigureAwait(false);
        }

        return ExitCode.Success;
    }
}
