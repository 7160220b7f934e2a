namespace FlashTrader.Core.Configuration;

/// <summary>Mexc:WebSocket — how the market-data connections are kept alive (limits from MEXC's spot v3 documentation).</summary>
public sealed class MexcWebSocketOptions
{
    /// <summary>MEXC allows 30 subscriptions per connection; more channels open more connections.</summary>
    public const int MexcChannelLimit = 30;

    /// <summary>MEXC closes a connection after 24 h.</summary>
    public const int MexcConnectionLifetimeMinutes = 24 * 60;

    /// <summary>MEXC drops a connection after 60 s without traffic; clients ping every 20-30 s.</summary>
    public int PingIntervalMs { get; set; } = 20_000;

    /// <summary>No data frame for this long: the feed is stale and the connection is replaced.</summary>
    public int StaleTimeoutMs { get; set; } = 15_000;

    public int ConnectTimeoutMs { get; set; } = 10_000;

    /// <summary>First reconnect delay; doubles per failed attempt up to the maximum, each with ±50 % jitter.</summary>
    public int ReconnectInitialDelayMs { get; set; } = 500;

    public int ReconnectMaxDelayMs { get; set; } = 30_000;

    public int MaxChannelsPerConnection { get; set; } = MexcChannelLimit;

    /// <summary>A connection is replaced (new one first, then the old closed) after this long, before MEXC's 24 h cut.</summary>
    public int RotateAfterMinutes { get; set; } = 23 * 60;
}
