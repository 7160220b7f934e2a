using FlashTrader.Core.Control;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Control;

/// <summary>
/// Takes commands dropped in the control directory (by <c>flashtrader kill</c>) into the control inbox, polling every
/// 100 ms: polling works on every file system, including container volumes where change notifications do not.
/// </summary>
public sealed class ControlFileWatcher(ControlDirectory directory, ControlInbox inbox, ILogger<ControlFileWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        directory.Claim();
        try
        {
            using var timer = new PeriodicTimer(PollInterval);
            do
            {
                TakePending();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        finally
        {
            directory.Release();
        }
    }

    private void TakePending()
    {
        foreach (string file in directory.Pending())
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
                File.Delete(file);
            }
            catch (IOException)
            {
                continue; // being written or already taken: next poll
            }

            ControlAction action = ControlDirectory.Parse(text);
            if (action == ControlAction.None)
            {
                logger.LogWarning("Control file {File}: unknown command '{Command}' ignored (known: {Known})", file, text.Trim(), string.Join(", ", ControlDirectory.ActionNames));
                continue;
            }

            inbox.Submit(new ControlCommand(action, "flashtrader kill"));
        }
    }
}
