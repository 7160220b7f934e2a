namespace FlashTrader.Storage.Import;

/// <summary>An import that cannot proceed: bad input (naming file and line) or a bad request.</summary>
public sealed class ImportException : Exception
{
    public ImportException(string message)
        : base(message)
    {
    }

    public ImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImportException()
    {
    }

    /// <summary>A malformed line: the message reads "file:line: reason".</summary>
    public ImportException(string file, long line, string reason)
        : base($"{file}:{line}: {reason}")
    {
        File = file;
        Line = line;
    }

    /// <summary>The input file name, when the error is about a line of it.</summary>
    public string? File { get; }

    /// <summary>1-based line number, or 0 when the error is not about one line.</summary>
    public long Line { get; }
}
