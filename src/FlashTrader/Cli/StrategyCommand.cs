using System.CommandLine;
using FlashTrader.Core.Sessions;
using FlashTrader.Core.Strategies;
using FlashTrader.Strategies;

namespace FlashTrader.Cli;

/// <summary><c>flashtrader strategy validate &lt;file.json&gt;</c>: loads and compiles a definition, as the bot would.</summary>
public static class StrategyCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file.json") { Description = "The strategy definition to check" };
        var validate = new Command("validate", "Check a JSON strategy definition: exit 0 when valid, 2 with file:line:column and the problem otherwise") { file };
        validate.SetAction(parse => CommandErrors.Guard(() =>
        {
            string path = parse.GetValue(file)!;
            try
            {
                // The default session calendar: the run validates overrides again against the configured one.
                CompiledStrategy s = StrategyFiles.Load(path, SessionCalendar.Default);
                StrategyDefinition d = s.Definition;
                Console.Out.WriteLine($"{path}: valid: {d.Name} {d.Version} ({d.ContentHash}): " +
                    $"{d.Indicators.Count} indicators, {d.Buy.Rules.Count} buy and {d.Sell.Rules.Count} sell rules, timeframes {string.Join(", ", d.Timeframes)}");
                return ExitCode.Success;
            }
            catch (StrategyDefinitionException e)
            {
                throw new UsageException(e.Message, e);
            }
        }));
        return new Command("strategy", "Work with JSON strategy definitions") { validate };
    }
}
