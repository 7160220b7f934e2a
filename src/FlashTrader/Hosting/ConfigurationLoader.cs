using FlashTrader.Cli;
using FlashTrader.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace FlashTrader.Hosting;

/// <summary>
/// Layers configuration as documented: config/appsettings.json, then --config, then environment variables
/// (FLASHTRADER__Section__Key), then --set Section:Key=value from the command line; binds and validates it.
/// </summary>
public static class ConfigurationLoader
{
    public const string EnvironmentPrefix = "FLASHTRADER__";

    public static IConfigurationRoot Build(string? overrideFile, IReadOnlyList<string> settings)
    {
        string baseFile = LocateAppSettings();
        var builder = new ConfigurationBuilder().AddJsonFile(baseFile, optional: false, reloadOnChange: false);
        if (overrideFile is not null)
        {
            if (!File.Exists(overrideFile))
            {
                throw new UsageException($"--config: file not found: {overrideFile}");
            }

            builder.AddJsonFile(Path.GetFullPath(overrideFile), optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables(EnvironmentPrefix);
        var pairs = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (string setting in settings)
        {
            int eq = setting.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--set: '{setting}' is not KEY=VALUE (e.g. --set Execution:TakeProfitBps=30)");
            }

            pairs[setting[..eq].Trim()] = setting[(eq + 1)..];
        }

        builder.AddInMemoryCollection(pairs);
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new UsageException($"configuration file is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Binds and validates; every broken rule is reported with its full key.</summary>
    public static FlashTraderOptions Bind(IConfiguration configuration)
    {
        FlashTraderOptions options;
        try
        {
            options = new FlashTraderOptions();
            configuration.Bind(options, o => o.ErrorOnUnknownConfiguration = false);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the target type, e.g. "Failed to convert configuration value at 'PaperTrading:SlippageBps' to type 'System.Double'".
            throw new UsageException($"invalid configuration: {ex.Message}", ex);
        }

        IReadOnlyList<ConfigurationError> errors = ConfigurationRules.Validate(options);
        if (errors.Count > 0)
        {
            throw new UsageException("invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
        }

        return options;
    }

    /// <summary>config/appsettings.json in the working directory (a checkout), else beside the executable (an install).</summary>
    public static string LocateAppSettings()
    {
        string[] candidates =
        [
            Path.Combine(Directory.GetCurrentDirectory(), "config", "appsettings.json"),
            Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"),
        ];
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new UsageException($"config/appsettings.json not found (looked in {string.Join(" and ", candidates.Select(Path.GetDirectoryName))})");
    }
}
