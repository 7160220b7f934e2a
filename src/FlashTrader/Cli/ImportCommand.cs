using System.CommandLine;
using FlashTrader.Storage.Import;
using FlashTrader.Storage.Inspection;

namespace FlashTrader.Cli;

/// <summary><c>flashtrader import</c>: converts real captures (Binance, tardis, OHLCV CSV) into a recording.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from")
        {
            Description = "Source format: " + string.Join(", ", ImportFormats.Known),
            Required = true,
            HelpName = "format",
        };
        from.AcceptOnlyFromAmong([.. ImportFormats.Known]);
        var input = new Option<string[]>("--input")
        {
            Description = "Input files (gzipped or plain); several files of one symbol concatenate, several symbols merge in time order",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
            HelpName = "files",
        };
        var output = new Option<string>("--output") { Description = "The recording to write", Required = true, HelpName = "recording" };
        var map = new Option<string?>("--symbol-map") { Description = "Rename symbols, e.g. BTCUSDT=BTCUSDC,ETHUSDT=ETHUSDC", HelpName = "map" };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Count and report malformed lines instead of stopping at the first" };
        var command = new Command("import", "Convert captured market data into a FlashTrader recording") { from, input, output, map, skipBad };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            ImportResult result;
            try
            {
                var request = new ImportRequest
                {
                    Format = parse.GetValue(from)!,
                    Inputs = parse.GetValue(input) ?? [],
                    Output = parse.GetValue(output)!,
                    SymbolMap = ImportSymbolMap.Parse(parse.GetValue(map)),
                    SkipBad = parse.GetValue(skipBad),
                };
                result = RecordingImporter.Import(request, w => Console.Error.WriteLine("warning: " + w));
            }
            catch (ImportException ex)
            {
                throw new UsageException(ex.Message, ex);
            }

            Console.Out.WriteLine($"{result.Output}: {result.Events:N0} events");
            foreach (SymbolEventCounts s in result.Symbols)
            {
                Console.Out.WriteLine($"  {s.Symbol}: {s.Snapshot} snapshot, {s.Depth} depth, {s.Trade} trade, {s.BookTicker} bookTicker, {s.Kline} kline");
            }

            if (result.SkippedLines > 0)
            {
                Console.Out.WriteLine($"  skipped {result.SkippedLines} malformed lines, e.g.:");
                foreach (string sample in result.SkippedSamples)
                {
                    Console.Out.WriteLine("    " + sample);
                }
            }

            return ExitCode.Success;
        }));
        return command;
    }
}
