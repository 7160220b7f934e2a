namespace FlashTrader.Cli;

/// <summary>Process exit codes, documented in README and --help.</summary>
public static class ExitCode
{
    public const int Success = 0;

    /// <summary>A failure while running (an exception, a stage fault).</summary>
    public const int Failure = 1;

    /// <summary>Bad command line or configuration: nothing was started.</summary>
    public const int Usage = 2;

    /// <summary>Corrupted input data (a recording block that fails its checksum or does not decode).</summary>
    public const int CorruptData = 3;
}
