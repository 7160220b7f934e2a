namespace FlashTrader.Mexc.Rest;

/// <summary>An API key and its secret (from MEXC_API_KEY / MEXC_API_SECRET). Never logged.</summary>
public sealed class MexcCredentials
{
    public MexcCredentials(string apiKey, string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        ApiKey = apiKey;
        Secret = secret;
    }

    public string ApiKey { get; }

    public string Secret { get; }

    public override string ToString() => $"MexcCredentials({ApiKey[..Math.Min(4, ApiKey.Length)]}...)";
}
