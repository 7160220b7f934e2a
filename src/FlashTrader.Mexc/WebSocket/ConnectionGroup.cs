using System.Net.WebSockets;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Mexc.WebSocket;

/// <summary>
/// The channels one connection carries, and the loop that keeps a connection for them: connect and subscribe, read
/// until the connection is lost or stale, back off (jittered, exponential) and reconnect; every RotateAfterMinutes open
/// a replacement first, let it take every channel over (or wait a stale timeout), then close the old one.
/// </summary>
internal sealed class ConnectionGroup(MexcWebSocketClient client, int index, List<string> channels) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private MexcConnection? _current;
    private MexcConnection? _replacement;

    public int Index => index;

    public MexcConnection? Remove(string channel)
    {
        lock (_gate)
        {
            return channels.Remove(channel) ? _current : null;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        int failures = 0;
        bool lost = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            MexcConnection? connection = null;
            try
            {
                connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
                client.OnConnected(connection, lost);
                failures = 0;
                await KeepAsync(connection, cancellationToken).ConfigureAwait(false);
                lost = true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or TimeoutException or OperationCanceledException or System.Net.Http.HttpRequestException or IOException)
            {
                lost = true;
                failures++;
                client.Logger.LogWarning("MEXC WebSocket group {Group}: {Error}", index, ex.Message);
            }
            finally
            {
                lock (_gate)
                {
                    _current = null;
                }

                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            TimeSpan delay = client.Backoff(Math.Max(0, failures - 1), client.Options.ReconnectInitialDelayMs, client.Options.ReconnectMaxDelayMs);
            client.OnReconnectScheduled(index, delay, failures + 1);
            try
            {
                await Task.Delay(delay, client.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        MexcConnection? current, replacement;
        lock (_gate)
        {
            (current, replacement) = (_current, _replacement);
        }

        if (current is not null)
        {
            await current.DisposeAsync().ConfigureAwait(false);
        }

        if (replacement is not null)
        {
            await replacement.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<MexcConnection> OpenAsync(CancellationToken cancellationToken)
    {
        List<string> subscribe;
        lock (_gate)
        {
            subscribe = [.. channels];
        }

        var connection = new MexcConnection(client, client.NextConnectionId(), subscribe, cancellationToken);
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    /// <summary>Reads from the connection, replacing it whenever its rotation is due; returns when the current one is lost.</summary>
    private async Task KeepAsync(MexcConnection connection, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _current = connection;
        }

        Task receiving = connection.ReceiveAsync();
        TimeSpan rotateAfter = TimeSpan.FromMinutes(client.Options.RotateAfterMinutes);
        while (true)
        {
            using var rotationWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task rotationDue = Task.Delay(rotateAfter, client.Time, rotationWait.Token);
            Task first = await Task.WhenAny(receiving, rotationDue).ConfigureAwait(false);
            if (first == receiving)
            {
                await rotationWait.CancelAsync().ConfigureAwait(false);
                await ObserveAsync(rotationDue).ConfigureAwait(false);
                await receiving.ConfigureAwait(false); // rethrows a failure; a clean close or a stale abort returns
                client.Logger.LogWarning("MEXC WebSocket #{Connection}: {Reason}", connection.Id, connection.WentStale ? "dropped as stale" : "closed by the server");
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            (MexcConnection? replacement, Task? replacementReceiving) = await TryReplaceAsync(connection, cancellationToken).ConfigureAwait(false);
            if (replacement is null)
            {
                // Could not open the replacement: keep the working connection and try again after a backoff.
                rotateAfter = client.Backoff(0, client.Options.ReconnectInitialDelayMs, client.Options.ReconnectMaxDelayMs);
                continue;
            }

            await connection.CloseAsync().ConfigureAwait(false);
            await ObserveAsync(receiving).ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            client.OnRotated(connection, replacement);
            connection = replacement;
            receiving = replacementReceiving!;
            rotateAfter = TimeSpan.FromMinutes(client.Options.RotateAfterMinutes);
            lock (_gate)
            {
                _current = connection;
                _replacement = null;
            }
        }
    }

    private async Task<(MexcConnection? Connection, Task? Receiving)> TryReplaceAsync(MexcConnection old, CancellationToken cancellationToken)
    {
        MexcConnection replacement;
        try
        {
            replacement = await OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or TimeoutException or System.Net.Http.HttpRequestException or IOException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            client.Logger.LogWarning("MEXC WebSocket #{Connection}: opening its replacement failed ({Error}); keeping it", old.Id, ex.Message);
            return (null, null);
        }

        lock (_gate)
        {
            _replacement = replacement;
        }

        client.OnConnected(replacement, replacesLost: false);
        Task receiving = replacement.ReceiveAsync();
        int[] indexes = [.. replacement.Channels.Select(client.ChannelIndex).Where(i => i >= 0)];
        long deadline = client.Time.GetTimestamp();
        TimeSpan wait = TimeSpan.FromMilliseconds(client.Options.StaleTimeoutMs);

        // Both connections deliver during the overlap; the old one closes once the new one carries every channel.
        while (!client.OwnsAll(replacement, indexes) && client.Time.GetElapsedTime(deadline) < wait && !receiving.IsCompleted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken).ConfigureAwait(false);
        }

        return (replacement, receiving);
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Expected when a connection is closed or a wait cancelled on purpose.
        }
    }
}
