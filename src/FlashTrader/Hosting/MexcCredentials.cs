namespace FlashTrader.Hosting;

/// <summary>MEXC API credentials. ToString never reveals them, so they cannot leak into a log line.</summary>
public sealed class MexcCredentials(string? apiKey, string? apiSecret)
{
    public string? ApiKey { get; } = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey;

    public string? ApiSecret { get; } = string.IsNullOrWhiteSpace(apiSecret) ? null : apiSecret;

    public bool IsPresent => ApiKey is not null && ApiSecret is not null;

    public override string ToString() => IsPresent ? "MexcCredentials(present)" : "MexcCredentials(absent)";
}
