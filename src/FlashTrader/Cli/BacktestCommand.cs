using System.CommandLine;
using FlashTrader.Backtesting;
using FlashTrader.Core.Backtesting;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Orders;
using FlashTrader.Reporting;

namespace FlashTrader.Cli;

/// <summary>
/// <c>flashtrader backtest</c>: the trading stages driven synchronously over a recording; writes report.json,
/// trades.csv, fills.csv (the run's columns), equity.csv and a self-contained report.html.
/// </summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var recording = new Option<string>("--recording") { Description = "The recording to backtest on", Required = true, HelpName = "file" };
        var strategy = new Option<string[]>("--strategy")
        {
            Description = "Run only these strategies (built in: imbalance, momentum, volatility; JSON strategy files once they exist). Repeatable",
            HelpName = "strategy",
            AllowMultipleArgumentsPerToken = true,
        };
        var config = new Option<string?>("--config") { Description = "A JSON file layered over config/appsettings.json", HelpName = "file" };
        var set = new Option<string[]>("--set") { Description = "Override a configuration value, e.g. --set Execution:TakeProfitBps=30 (repeatable)", HelpName = "key=value" };
        var seed = new Option<int?>("--seed") { Description = "Seed of every random draw (PaperTrading:Seed): the same seed gives the same backtest", HelpName = "n" };
        var output = new Option<string>("--out") { Description = "Directory for report.json, report.html, trades.csv, fills.csv, equity.csv", Required = true, HelpName = "dir" };
        var command = new Command("backtest", "Backtest on a recording with the same stages that trade live (results equal run --replay's)")
        {
            recording, strategy, config, set, seed, output,
        };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            BacktestSetup setup = BacktestSetup.Create(parse.GetValue(config), parse.GetValue(set) ?? [], parse.GetValue(strategy) ?? [], parse.GetValue(seed));
            FlashTraderOptions options = setup.Bind([]);
            string path = parse.GetValue(recording)!;
            string outDir = Path.GetFullPath(parse.GetValue(output)!);
            var instruments = new Core.Instruments.InstrumentSet(options.TradingPairs);
            MarketTape tape = ConsoleProgress.Run("decoding", Console.Out, p => MarketTape.Load(path, instruments, p));
            if (tape.Count == 0)
            {
                throw new UsageException($"{path}: no event of an enabled pair to backtest on");
            }

            BacktestResult result = ConsoleProgress.Run("backtesting", Console.Out, p => new BacktestSimulation(options, keepDetail: true).Run(tape, BacktestWindow.Whole(tape), p));
            Directory.CreateDirectory(outDir);
            var run = new BacktestRunInfo(path, options.PaperTrading.Seed, setup.Settings);
            using (var fills = new FillsCsvWriter(Path.Combine(outDir, "fills.csv"), result.Pipeline.Instruments, result.Pipeline.Signals.Catalog))
            {
                foreach (ExecutionReport fill in result.Fills)
                {
                    fills.Write(fill);
                }
            }

            BacktestCsv.WriteTrades(Path.Combine(outDir, "trades.csv"), result, result.Pipeline.Instruments);
            BacktestCsv.WriteEquity(Path.Combine(outDir, "equity.csv"), result);
            BacktestReport.Write(Path.Combine(outDir, "report.json"), run, result);
            BacktestHtmlReport.Write(Path.Combine(outDir, "report.html"), run, result);
            if (tape.Warning is not null)
            {
                Console.Error.WriteLine("warning: " + tape.Warning);
            }

            PerformanceMetrics m = result.Metrics;
            Console.Out.WriteLine($"FlashTrader backtest: {result.Events:N0} events, {m.Fills:N0} fills, {m.Trades:N0} trades");
            Console.Out.WriteLine($"  net P&L           {RunSummary.Money(m.NetPnl)} ({m.ReturnPercent:0.####}%), fees {RunSummary.Money(m.Fees)}");
            Console.Out.WriteLine($"  Sharpe / Sortino  {m.Sharpe:0.###} / {m.Sortino:0.###} (per-minute returns x sqrt(525600))");
            Console.Out.WriteLine($"  max drawdown      {RunSummary.Money(m.MaxDrawdown)} ({m.MaxDrawdownPercent:0.####}%, {m.MaxDrawdownDurationNs / 1e9:0.#} s)");
            Console.Out.WriteLine($"  win rate          {m.WinRatePercent:0.##}%, profit factor {(m.ProfitFactor is double pf ? pf.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) : "n/a")}, expectancy {RunSummary.Money(decimal.Round(m.Expectancy, 8))}");
            Console.Out.WriteLine($"  report            {Path.Combine(outDir, "report.html")}");
            return ExitCode.Success;
        }));
        return command;
    }
}
