namespace FlashTrader.Mexc.WebSocket;

/// <summary>MEXC answered a SUBSCRIPTION with a refusal (e.g. a blocked channel): the error names the channel.</summary>
public sealed class MexcSubscriptionRefusedException : Exception
{
    public MexcSubscriptionRefusedException(string channel, string reply)
        : base($"MEXC refused the subscription to channel '{channel}': {reply.Trim()}")
    {
        Channel = channel;
        Reply = reply;
    }

    public MexcSubscriptionRefusedException()
        : this(string.Empty, string.Empty)
    {
    }

    public MexcSubscriptionRefusedException(string message)
        : base(message)
    {
        Channel = string.Empty;
        Reply = string.Empty;
    }

    public MexcSubscriptionRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Channel = string.Empty;
        Reply = string.Empty;
    }

    public string Channel { get; }

    /// <summary>MEXC's msg verbatim.</summary>
    public string Reply { get; }
}
