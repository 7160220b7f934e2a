using System.Globalization;
using FlashTrader.Cli;
using FlashTrader.Core.Configuration;
using FlashTrader.Hosting;
using Microsoft.Extensions.Configuration;

namespace FlashTrader.Backtesting;

/// <summary>
/// The configuration a backtest or an optimisation trial runs with: config/appsettings.json, then --config, the
/// environment, --set and --seed (PaperTrading:Seed), then the trial's own parameters (the same keys --set takes),
/// and the strategies chosen with --strategy.
/// </summary>
public sealed record BacktestSetup(string? ConfigFile, IReadOnlyList<string> Settings, IReadOnlyList<string> Strategies)
{
    public static readonly string[] BuiltInStrategies = ["imbalance", "momentum", "volatility"];

    public static BacktestSetup Create(string? configFile, IReadOnlyList<string> settings, IReadOnlyList<string> strategies, int? seed)
    {
        foreach (string strategy in strategies)
        {
            if (IsFile(strategy))
            {
                if (!File.Exists(strategy))
                {
                    throw new UsageException($"--strategy: strategy file not found: {strategy}");
                }
            }
            else if (!BuiltInStrategies.Contains(strategy, StringComparer.Ordinal))
            {
                throw new UsageException($"--strategy: unknown strategy '{strategy}' (a JSON strategy file, or built in: {string.Join(", ", BuiltInStrategies)})");
            }
        }

        List<string> all = [.. settings];
        if (seed is int s)
        {
            all.Add(string.Create(CultureInfo.InvariantCulture, $"PaperTrading:Seed={s}"));
        }

        return new BacktestSetup(configFile, all, [.. strategies.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>Binds and validates the configuration with <paramref name="parameters"/> (key=value) layered last.</summary>
    public FlashTraderOptions Bind(IEnumerable<string> parameters)
    {
        IConfigurationRoot configuration = ConfigurationLoader.Build(ConfigFile, [.. Settings, .. parameters]);
        FlashTraderOptions options = ConfigurationLoader.Bind(configuration);
        if (Strategies.Count > 0)
        {
            // A list in configuration binds by appending to the default, so the choice is applied after binding: the
            // strategies named are the whole lineup, built-ins by name and JSON definitions by file.
            options.SignalGeneration.Strategies = [.. Strategies.Where(s => !IsFile(s))];
            options.Strategies.Files = [.. Strategies.Where(IsFile)];
            options.Strategies.Directory = null;
        }

        return options;
    }

    private static bool IsFile(string strategy) => strategy.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(strategy);
}
