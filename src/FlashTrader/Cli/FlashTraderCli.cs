using System.CommandLine;

namespace FlashTrader.Cli;

/// <summary>The command line: the root command runs the bot; subcommands work with data.</summary>
public static class FlashTraderCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "FlashTrader: a flash-trading bot for MEXC spot (BTCUSDC, ETHUSDC). Paper trading by default.\n" +
            "Exit codes: 0 success, 1 runtime failure, 2 bad arguments or configuration, 3 corrupted input data.");
        RunCommand.AddTo(root);
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(DecodeFramesCommand.Create());
        root.Subcommands.Add(IndicatorsCommand.Create());
        root.Subcommands.Add(SimCommand.Create());
        root.Subcommands.Add(BacktestCommand.Create());
        root.Subcommands.Add(OptimizeCommand.Create());
        root.Subcommands.Add(StrategyCommand.Create());
        root.Subcommands.Add(KillCommand.Create());
        root.Subcommands.Add(JournalCommand.Create());
        root.Subcommands.Add(RecordCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        RootCommand root = Build();
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError error in parse.Errors)
            {
                await Console.Error.WriteLineAsync("error: " + error.Message).ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Run 'flashtrader --help' for usage.").ConfigureAwait(false);
            return ExitCode.Usage;
        }

        return await parse.InvokeAsync().ConfigureAwait(false);
    }
}
