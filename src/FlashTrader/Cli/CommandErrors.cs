using FlashTrader.Storage.Recording;

namespace FlashTrader.Cli;

/// <summary>Maps failures to exit codes and one clear line on standard error.</summary>
public static class CommandErrors
{
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCode.Usage;
        }
        catch (RecordingCorruptException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCode.CorruptData;
        }
        catch (FileNotFoundException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return ExitCode.Usage;
        }
    }

    public static int Guard(Func<int> action) => GuardAsync(() => Task.FromResult(action())).GetAwaiter().GetResult();
}
