namespace FlashTrader.Storage.Recording;

/// <summary>A recording that cannot be read: names the file and the byte offset of the damage.</summary>
public sealed class RecordingCorruptException : Exception
{
    public RecordingCorruptException(string path, long offset, string reason)
        : base($"{path}: corrupted recording at byte offset {offset}: {reason}")
    {
        Path = path;
        Offset = offset;
        Reason = reason;
    }

    public RecordingCorruptException()
    {
        Path = "";
        Reason = "";
    }

    public RecordingCorruptException(string message)
        : base(message)
    {
        Path = "";
        Reason = message;
    }

    public RecordingCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
        Reason = message;
    }

    public string Path { get; }

    public long Offset { get; }

    public string Reason { get; }
}
