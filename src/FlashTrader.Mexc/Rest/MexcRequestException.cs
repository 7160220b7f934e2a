namespace FlashTrader.Mexc.Rest;

/// <summary>Thrown where an API has no result type (the snapshot seam, <see cref="MexcResult{T}.Value"/> of a failure).</summary>
public sealed class MexcRequestException : Exception
{
    public MexcRequestException(MexcError error)
        : base(error?.ToString()) => Error = error!;

    public MexcError Error { get; }
}
