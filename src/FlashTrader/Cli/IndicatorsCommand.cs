using System.CommandLine;
using FlashTrader.Core.Indicators;
using FlashTrader.Storage.Csv;

namespace FlashTrader.Cli;

/// <summary><c>flashtrader indicators</c>: TA-Lib-exact indicators over an OHLCV CSV.</summary>
public static class IndicatorsCommand
{
    public static Command Create()
    {
        var input = new Option<string>("--input") { Description = "OHLCV CSV with a header (time, open, high, low, close, volume in any order)", Required = true, HelpName = "ohlcv.csv" };
        var spec = new Option<string>("--spec")
        {
            Description = "Indicators, e.g. \"rsi(14),macd(12,26,9),bbands(20,2),atr(14),stoch(14,3,3),cci(20),obv,sma(20),ema(20),mfi(14),adx(14),vwap\"",
            Required = true,
            HelpName = "spec",
        };
        var output = new Option<string>("--output") { Description = "CSV to write: time plus one column per indicator output", Required = true, HelpName = "out.csv" };
        var command = new Command("indicators", "Compute indicators over OHLCV bars (values agree with TA-Lib)") { input, spec, output };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string inputPath = parse.GetValue(input)!;
            if (!File.Exists(inputPath))
            {
                throw new UsageException($"--input: file not found: {inputPath}");
            }

            try
            {
                long rows = IndicatorCsvTool.Run(inputPath, parse.GetValue(spec)!, parse.GetValue(output)!);
                Console.Out.WriteLine($"{parse.GetValue(output)}: {rows:N0} rows");
                return ExitCode.Success;
            }
            catch (Exception ex) when (ex is IndicatorSpecException or CsvFormatException)
            {
                throw new UsageException(ex.Message, ex);
            }
        }));
        return command;
    }
}
