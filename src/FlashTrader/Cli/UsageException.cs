namespace FlashTrader.Cli;

/// <summary>A problem with what the user asked for (arguments, configuration, input files): exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
