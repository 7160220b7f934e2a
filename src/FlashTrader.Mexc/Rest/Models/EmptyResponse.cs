namespace FlashTrader.Mexc.Rest.Models;

/// <summary>An answer with nothing in it (<c>{}</c> from /ping and /order/test).</summary>
public sealed record EmptyResponse
{
    public static readonly EmptyResponse Instance = new();
}
