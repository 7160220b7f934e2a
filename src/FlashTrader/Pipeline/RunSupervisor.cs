using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>
/// Ends the run: after --duration, on SIGTERM / Ctrl-C, or when a stage faults, it stops the source; the stages then
/// drain their channels and the exchange stage persists and stops the host.
/// </summary>
public sealed class RunSupervisor(RunSettings settings, RunStatus status, IHostApplicationLifetime lifetime, ILogger<RunSupervisor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lifetime.ApplicationStopping.Register(status.StopSource);
        if (settings.Duration is TimeSpan duration && duration > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(duration, stoppingToken).ConfigureAwait(false);
                logger.LogInformation("Duration of {Seconds} s reached: stopping", duration.TotalSeconds);
                status.StopSource();
            }
            catch (OperationCanceledException)
            {
                // Stopping for another reason.
            }
        }
    }
}
