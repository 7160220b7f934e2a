namespace FlashTrader.Mexc.Book;

/// <summary>A local order book could not be synchronized within its bounded number of snapshot attempts.</summary>
public sealed class BookSyncFailedException : Exception
{
    public BookSyncFailedException()
    {
    }

    public BookSyncFailedException(string message)
        : base(message)
    {
    }

    public BookSyncFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
