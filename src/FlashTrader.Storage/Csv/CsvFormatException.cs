namespace FlashTrader.Storage.Csv;

/// <summary>A CSV input that cannot be read; names the file, the 1-based line and, where known, the column.</summary>
public sealed class CsvFormatException : FormatException
{
    public CsvFormatException(string filePath, long line, string? column, string problem)
        : base(column is null ? $"{filePath}:{line}: {problem}" : $"{filePath}:{line}, column '{column}': {problem}")
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    public CsvFormatException()
    {
        FilePath = string.Empty;
    }

    public CsvFormatException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    public CsvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
    }

    public string FilePath { get; }

    public long Line { get; }

    public string? Column { get; }
}
