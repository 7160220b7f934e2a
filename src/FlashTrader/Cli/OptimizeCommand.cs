using System.CommandLine;
using System.Globalization;
using FlashTrader.Backtesting;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Optimisation;

namespace FlashTrader.Cli;

/// <summary>
/// <c>flashtrader optimize</c>: grid or random search over configuration keys, in parallel on all cores, optionally
/// walk-forward, optionally one shard of a search spread over machines; <c>optimize merge</c> joins the shards.
/// </summary>
public static class OptimizeCommand
{
    public static Command Create()
    {
        var recording = new Option<string?>("--recording") { Description = "The recording to optimise on (required)", HelpName = "file" };
        var strategy = new Option<string[]>("--strategy") { Description = "Run only these strategies (built in: imbalance, momentum, volatility)", HelpName = "strategy", AllowMultipleArgumentsPerToken = true };
        var grid = new Option<string?>("--grid") { Description = "JSON object of configuration keys to vary: lists, {min,max,step} or {min,max} (random only) (required)", HelpName = "file" };
        var output = new Option<string?>("--out") { Description = "Directory for results.csv and summary.json (required)", HelpName = "dir" };
        var objective = new Option<string>("--objective") { Description = "What to maximise: sharpe, pnl or pnl_over_dd", HelpName = "name", DefaultValueFactory = _ => "sharpe" };
        objective.AcceptOnlyFromAmong(Objective.Names);
        var random = new Option<int?>("--random") { Description = "Random search of N trials instead of the full grid", HelpName = "N" };
        var seed = new Option<int?>("--seed") { Description = "Seed of the random search and of PaperTrading:Seed (default PaperTrading:Seed)", HelpName = "n" };
        var walkForward = new Option<int?>("--walk-forward") { Description = "Walk-forward analysis over K rolling folds", HelpName = "K" };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of n (0 <= i < n): trials whose number is i modulo n", HelpName = "i/n" };
        var top = new Option<int>("--top") { Description = "How many of the best parameter sets to print and keep in summary.json", HelpName = "N", DefaultValueFactory = _ => 10 };
        var config = new Option<string?>("--config") { Description = "A JSON file layered over config/appsettings.json", HelpName = "file" };
        var set = new Option<string[]>("--set") { Description = "Fixed configuration overrides for every trial (repeatable)", HelpName = "key=value" };
        var command = new Command("optimize", "Search configuration parameters on a recording (grid, random, walk-forward; shardable)")
        {
            recording, strategy, grid, output, objective, random, seed, walkForward, shard, top, config, set,
        };
        command.Subcommands.Add(CreateMerge());
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string path = parse.GetValue(recording) ?? throw new UsageException("--recording is required");
            string gridPath = parse.GetValue(grid) ?? throw new UsageException("--grid is required");
            string outDir = Path.GetFullPath(parse.GetValue(output) ?? throw new UsageException("--out is required"));
            int topN = parse.GetValue(top);
            if (topN < 1)
            {
                throw new UsageException("--top: must be 1 or more");
            }

            (int shardIndex, int shardCount) = ParseShard(parse.GetValue(shard));
            int? folds = parse.GetValue(walkForward);
            if (folds is < 1)
            {
                throw new UsageException("--walk-forward: the number of folds must be 1 or more");
            }

            if (folds is not null && shardCount > 1)
            {
                throw new UsageException("--walk-forward and --shard cannot be combined: each fold needs all its trials to choose the best");
            }

            string objectiveName = Objective.Validate(parse.GetValue(objective)!);
            BacktestSetup setup = BacktestSetup.Create(parse.GetValue(config), parse.GetValue(set) ?? [], parse.GetValue(strategy) ?? [], parse.GetValue(seed));
            FlashTraderOptions options = setup.Bind([]);
            ParameterSpace space = ParameterSpace.Load(gridPath);
            var plan = new TrialPlan(space, parse.GetValue(random), parse.GetValue(seed) ?? options.PaperTrading.Seed, shardIndex, shardCount);
            var instruments = new InstrumentSet(options.TradingPairs);
            MarketTape tape = ConsoleProgress.Run("decoding", Console.Out, p => MarketTape.Load(path, instruments, p));
            if (tape.Count == 0)
            {
                throw new UsageException($"{path}: no event of an enabled pair to optimise on");
            }

            Directory.CreateDirectory(outDir);
            var runner = new TrialRunner(setup, space, tape, objectiveName, Environment.ProcessorCount);
            if (folds is int k)
            {
                var analysis = new WalkForwardAnalysis(runner, plan, tape, instruments, setup, objectiveName);
                var (foldResults, combined, efficiency) = analysis.Run(k, outDir, Console.Out);
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"walk-forward, {k} folds x {plan.Count} trials: combined out-of-sample net P&L {Reporting.RunSummary.Money(combined.NetPnl)} ({combined.ReturnPercent:0.####}%), Sharpe {combined.Sharpe:0.###}, efficiency {(efficiency is double e ? e.ToString("0.###", CultureInfo.InvariantCulture) : "n/a")}"));
                Console.Out.WriteLine($"  {Path.Combine(outDir, "walkforward.json")}");
                return ExitCode.Success;
            }

            string results = Path.Combine(outDir, "results.csv");
            using (var csv = new StreamWriter(results, false, BacktestReport.Utf8) { NewLine = "\n" })
            {
                csv.WriteLine(ResultsCsv.Header(space));
                ConsoleProgress.Run($"{plan.Count:N0} trials on {runner.Workers} cores", Console.Out, p =>
                {
                    runner.Run(plan.Count, i => plan[i], BacktestWindow.Whole(tape), o => csv.WriteLine(ResultsCsv.Row(o)), p);
                    return 0;
                });
            }

            var description = new SearchDescription(plan.Search, objectiveName, plan.Seed, plan.Total, space.Axes,
                [string.Create(CultureInfo.InvariantCulture, $"{shardIndex}/{shardCount}")]);
            OptimizationSummary summary = OptimizationSummary.FromResults(results, description, topN);
            summary.Write(Path.Combine(outDir, "summary.json"));
            summary.Print(Console.Out);
            Console.Out.WriteLine($"  {results}");
            return ExitCode.Success;
        }));
        return command;
    }

    private static Command CreateMerge()
    {
        var dirs = new Argument<string[]>("dirs") { Description = "The --out directories of the shards", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Directory for the merged results.csv and summary.json", Required = true, HelpName = "dir" };
        var top = new Option<int>("--top") { Description = "How many of the best parameter sets to print and keep", HelpName = "N", DefaultValueFactory = _ => 10 };
        var command = new Command("merge", "Merge the results of shards (optimize --shard i/n) into one") { dirs, output, top };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string[] inputs = parse.GetValue(dirs) ?? [];
            string outDir = Path.GetFullPath(parse.GetValue(output)!);
            SearchDescription merged = ShardMerge.Merge(inputs, outDir);
            OptimizationSummary summary = OptimizationSummary.FromResults(Path.Combine(outDir, "results.csv"), merged, Math.Max(1, parse.GetValue(top)));
            summary.Write(Path.Combine(outDir, "summary.json"));
            summary.Print(Console.Out);
            if (summary.Trials < merged.TotalTrials)
            {
                Console.Error.WriteLine($"warning: {summary.Trials:N0} of {merged.TotalTrials:N0} trials present: shards are missing");
            }

            return ExitCode.Success;
        }));
        return command;
    }

    private static (int Index, int Count) ParseShard(string? value)
    {
        if (value is null)
        {
            return (0, 1);
        }

        string[] parts = value.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && i < n)
        {
            return (i, n);
        }

        throw new UsageException($"--shard: '{value}' is not i/n with 0 <= i < n (e.g. 0/4)");
    }
}
