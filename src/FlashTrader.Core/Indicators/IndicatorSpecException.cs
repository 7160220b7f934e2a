namespace FlashTrader.Core.Indicators;

/// <summary>An indicator spec that cannot be parsed; the message names the item, its text and its position.</summary>
public sealed class IndicatorSpecException : FormatException
{
    public IndicatorSpecException(string message)
        : base(message)
    {
    }

    public IndicatorSpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public IndicatorSpecException()
    {
    }
}
