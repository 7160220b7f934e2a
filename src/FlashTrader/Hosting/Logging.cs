using FlashTrader.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace FlashTrader.Hosting;

/// <summary>
/// Serilog behind Microsoft.Extensions.Logging (Serilog.Extensions.Hosting is not obtainable here): a human-readable
/// console and a daily-rolling JSON file under System:DataDirectory; an optional "Serilog" section refines either.
/// The console goes to standard error so that standard output carries only the command's own output.
/// </summary>
public static class Logging
{
    public static Serilog.ILogger Create(SystemOptions system, IConfiguration configuration)
    {
        LogEventLevel level = Enum.Parse<LogEventLevel>(system.LogLevel);
        LoggerConfiguration config = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        if (system.LogToFile)
        {
            string path = Path.Combine(system.DataDirectory, system.LogFile);
            config = config.WriteTo.File(new JsonFormatter(renderMessage: true), path, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14);
        }

        if (configuration.GetSection("Serilog").Exists())
        {
            config = config.ReadFrom.Configuration(configuration);
        }

        return config.CreateLogger();
    }
}
