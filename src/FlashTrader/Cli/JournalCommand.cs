using System.CommandLine;
using FlashTrader.Core.Configuration;
using FlashTrader.Hosting;
using FlashTrader.Storage.State;

namespace FlashTrader.Cli;

/// <summary>
/// <c>flashtrader journal --fills|--orders|--decisions --out file.csv</c>: exports the paper account's journal since the
/// last reset from the state database (fills in the columns of fills.csv), for analysis and taxes.
/// </summary>
public static class JournalCommand
{
    public static Command Create()
    {
        var fills = new Option<bool>("--fills") { Description = "Every fill, in the columns of fills.csv" };
        var orders = new Option<bool>("--orders") { Description = "Every order transition (NEW ... FILLED, CANCELED, REJECTED with its MEXC code)" };
        var decisions = new Option<bool>("--decisions") { Description = "Every decision with its purpose, strategy, strength and the risk verdict" };
        var output = new Option<string>("--out") { Description = "The CSV file to write", Required = true, HelpName = "file.csv" };
        var config = new Option<string?>("--config") { Description = "A JSON file layered over config/appsettings.json (to find the data directory)", HelpName = "file" };
        var set = new Option<string[]>("--set") { Description = "Configuration overrides, e.g. System:DataDirectory=/data", HelpName = "key=value" };
        var command = new Command("journal", "Export the journal (fills, orders or decisions) since the last reset as CSV") { fills, orders, decisions, output, config, set };
        command.SetAction(parse => CommandErrors.Guard(() =>
        {
            string[] chosen = [.. new[] { (fills, "fills"), (orders, "orders"), (decisions, "decisions") }.Where(c => parse.GetValue(c.Item1)).Select(c => c.Item2)];
            if (chosen.Length != 1)
            {
                throw new UsageException("journal: give exactly one of --fills, --orders, --decisions");
            }

            FlashTraderOptions options = ConfigurationLoader.Bind(ConfigurationLoader.Build(parse.GetValue(config), parse.GetValue(set) ?? []));
            string database = Path.Combine(options.System.DataDirectory, "state", "paper.db");
            if (!File.Exists(database))
            {
                throw new UsageException($"journal: no state database at {Path.GetFullPath(database)} (run the bot first, or point System:DataDirectory at its data)");
            }

            string path = parse.GetValue(output)!;
            string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }

            using var store = new PaperStateStore(database);
            using var writer = new StreamWriter(path, append: false);
            long rows = chosen[0] == "fills" ? JournalCsv.WriteFills(store, writer) : JournalCsv.WriteTable(store, chosen[0], writer);
            Console.Out.WriteLine($"{Path.GetFullPath(path)}: {rows} {chosen[0]}");
            return ExitCode.Success;
        }));
        return command;
    }
}
