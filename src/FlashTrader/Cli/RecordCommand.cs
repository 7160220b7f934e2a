using System.CommandLine;
using FlashTrader.Core.Configuration;
using FlashTrader.Hosting;
using FlashTrader.Mexc.Feed;
using FlashTrader.Mexc.WebSocket;
using FlashTrader.Sources;
using FlashTrader.Storage.Recording;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;

namespace FlashTrader.Cli;

/// <summary>
/// <c>flashtrader record</c>: records live MEXC market data (the raw protobuf push frames and the REST depth snapshots
/// the book sync fetched, with receive timestamps) into a recording that <c>--replay</c> decodes like live data.
/// </summary>
public static class RecordCommand
{
    public static Command Create()
    {
        var symbols = new Option<string>("--symbols") { Description = "Comma-separated MEXC spot symbols, e.g. BTCUSDC,ETHUSDC", Required = true, HelpName = "symbols" };
        var duration = new Option<int>("--duration")
        {
            Description = "Record for this many seconds (0: until Ctrl-C / SIGTERM)",
            HelpName = "seconds",
            CustomParser = r => OptionValues.NonNegative(r, "--duration", "seconds"),
        };
        var output = new Option<string>("--output") { Description = "The recording to write", Required = true, HelpName = "recording" };
        var config = new Option<string?>("--config") { Description = "A JSON file layered over config/appsettings.json", HelpName = "file" };
        var set = new Option<string[]>("--set") { Description = "Override a configuration value, e.g. --set Mexc:WsUrl=ws://127.0.0.1:8080/ws (repeatable)", HelpName = "key=value" };
        var command = new Command("record", "Record live MEXC market data (raw frames and REST snapshots) for --replay") { symbols, duration, output, config, set };
        command.SetAction((parse, _) => CommandErrors.GuardAsync(() => RecordAsync(
            ParseSymbols(parse.GetValue(symbols)!), parse.GetValue(duration), parse.GetValue(output)!, parse.GetValue(config), parse.GetValue(set) ?? [])));
        return command;
    }

    internal static IReadOnlyList<string> ParseSymbols(string value)
    {
        string[] list = [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
        if (list.Length == 0)
        {
            throw new UsageException("--symbols: give at least one symbol, e.g. BTCUSDC,ETHUSDC");
        }

        foreach (string s in list)
        {
            if (!s.All(char.IsAsciiLetterOrDigit) || s.Any(char.IsAsciiLetterLower))
            {
                throw new UsageException($"--symbols: '{s}' is not an upper-case MEXC symbol such as BTCUSDC");
            }
        }

        if (list.Distinct(StringComparer.Ordinal).Count() != list.Length)
        {
            throw new UsageException("--symbols: a symbol is listed twice");
        }

        return list;
    }

    private static async Task<int> RecordAsync(IReadOnlyList<string> symbols, int seconds, string output, string? configFile, IReadOnlyList<string> settings)
    {
        IConfigurationRoot configuration = ConfigurationLoader.Build(configFile, settings);
        FlashTraderOptions options = ConfigurationLoader.Bind(configuration);
        Serilog.ILogger serilog = Logging.Create(options.System, configuration);
        using var loggerFactory = new SerilogLoggerFactory(serilog, dispose: true);
        ILogger log = loggerFactory.CreateLogger("FlashTrader.Record");
        var header = new RecordingHeader
        {
            Symbols = symbols,
            Source = "mexc-live: " + options.Mexc.WsUrl,
            Created = DateTimeOffset.UtcNow,
            Notes =
            [
                $"raw MEXC push frames (RawFrame tag {RawFrameTag.MexcProtobuf}) with their receive times; exchange time = the frame's sendTime/createTime",
                "REST depth snapshots (GET /api/v3/depth) fetched by the book sync, as DepthSnapshot events stamped with their receive time",
            ],
        };

        using var stop = new CancellationTokenSource();
        if (seconds > 0)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using System.Runtime.InteropServices.PosixSignalRegistration sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });
        Exception? fault = null;
        var recording = new RecordingEventWriter(output, header);
        try
        {
            using var rest = new Mexc.Rest.MexcRestClient(options.Mexc);
            using var feed = new MexcMarketFeed(
                symbols, rest, options.Mexc.Book, recording, TimeProvider.System, log,
                ex =>
                {
                    fault ??= ex;
                    stop.Cancel();
                },
                rawFrameTag: RawFrameTag.MexcProtobuf);
            await using var client = new MexcWebSocketClient(new Uri(options.Mexc.WsUrl), LiveMarketSource.ChannelsFor(symbols), options.Mexc.WebSocket, feed, TimeProvider.System, log);
            log.LogInformation("Recording {Symbols} from {Ws} into {Output}{For}", string.Join(", ", symbols), options.Mexc.WsUrl, output, seconds > 0 ? $" for {seconds} s" : " until stopped");
            await Task.WhenAll(client.RunAsync(stop.Token), feed.RunBookSyncAsync(stop.Token)).ConfigureAwait(false);
            foreach (Mexc.Book.LocalOrderBookSync book in feed.Books)
            {
                log.LogInformation("{Symbol}: book {State}, gaps {Gaps}, resyncs {Resyncs}", book.Symbol, book.IsSynced ? "synced" : book.State.ToString(), book.Gaps, book.Resyncs);
            }

            log.LogInformation("{Frames} frames ({Malformed} malformed), {Reconnects} reconnects", feed.Frames, feed.MalformedFrames, client.Reconnects);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            recording.Dispose();
        }

        await Console.Out.WriteLineAsync($"{output}: {recording.EventsWritten:N0} events ({recording.RawFrames:N0} frames, {recording.Snapshots:N0} snapshots) in {recording.BlocksWritten:N0} blocks").ConfigureAwait(false);
        if (fault is not null)
        {
            await Console.Error.WriteLineAsync("error: " + fault.Message).ConfigureAwait(false);
            return ExitCode.Failure;
        }

        return ExitCode.Success;
    }
}
