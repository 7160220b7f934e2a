namespace FlashTrader.Storage.Import;

/// <summary>Thrown by line parsers for a malformed line; the stream turns it into <see cref="ImportDiagnostics.BadLine"/>.</summary>
internal sealed class BadLineException : Exception
{
    public BadLineException(string reason)
        : base(reason)
    {
    }

    public BadLineException()
    {
    }

    public BadLineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
