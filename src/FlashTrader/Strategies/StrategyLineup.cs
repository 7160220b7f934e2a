using FlashTrader.Cli;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Sessions;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Strategies;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Strategies;

/// <summary>
/// The strategies a configuration selects (the built-ins of SignalGeneration:Strategies and the JSON files of
/// Strategies), loaded and compiled, with the session calendar and the catalog that names them: what the run, the
/// backtester and the optimiser all build their pipeline from, so the three trade the same strategies the same way.
/// </summary>
public sealed class StrategyLineup
{
    private StrategyLineup(SessionCalendar calendar, StrategyCatalog catalog, StrategyRuleBook rules, Dictionary<string, JsonSignalStrategy> json)
    {
        Calendar = calendar;
        Catalog = catalog;
        Rules = rules;
        Json = json;
    }

    public SessionCalendar Calendar { get; }

    public StrategyCatalog Catalog { get; }

    public StrategyRuleBook Rules { get; }

    /// <summary>The JSON strategies by full path (the hot-swap watcher replaces their versions in place).</summary>
    public Dictionary<string, JsonSignalStrategy> Json { get; }

    /// <summary>Loads and compiles the selected files; a broken definition is a usage error naming file, line and column.</summary>
    public static StrategyLineup Load(FlashTraderOptions options, ILogger? log = null)
    {
        var calendar = SessionCalendar.From(options.Sessions);
        var catalog = new StrategyCatalog();
        var rules = new StrategyRuleBook();
        var json = new Dictionary<string, JsonSignalStrategy>(StringComparer.Ordinal);
        string[] symbols = [.. options.TradingPairs.Select(p => p.Symbol)];
        foreach (string path in StrategyFiles.Select(options.Strategies))
        {
            try
            {
                var strategy = new JsonSignalStrategy(StrategyFiles.Load(path, calendar), symbols, catalog, rules);
                json[path] = strategy;
                StrategyDefinition d = strategy.Compiled.Definition;
                log?.LogInformation("Strategy {Name}: loaded {File}: version {Version} ({Hash})", d.Name, path, d.Version, d.ContentHash);
            }
            catch (Exception e) when (e is StrategyDefinitionException or ArgumentException or FileNotFoundException)
            {
                throw new UsageException($"Strategies: {e.Message}", e);
            }
        }

        int total = options.SignalGeneration.Strategies.Count + json.Count;
        if (total > SignalSet.Capacity)
        {
            throw new UsageException($"Strategies: {total} strategies selected (built-ins of SignalGeneration:Strategies and JSON files); at most {SignalSet.Capacity} run at once");
        }

        return new StrategyLineup(calendar, catalog, rules, json);
    }

    /// <summary>A pipeline running this lineup (each lineup feeds one pipeline: the JSON strategies keep state).</summary>
    public TradingPipeline NewPipeline(FlashTraderOptions options, TimeSource clock, PaperExchangeState? restored = null, long firstOrderId = 1) =>
        new(options, clock, restored, firstOrderId, Json.Values, Catalog, Rules);
}
