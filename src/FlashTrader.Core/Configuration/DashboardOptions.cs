namespace FlashTrader.Core.Configuration;

/// <summary>The live web dashboard served from the bot's own process.</summary>
public sealed class DashboardOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Where to listen, ';'-separated (port 0 picks a free port; the bound URL is logged as "Dashboard http://…").</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>
    /// Required when any URL binds beyond loopback: requests must then carry it as "Authorization: Bearer &lt;token&gt;" or
    /// "?token=&lt;token&gt;". Keep it out of committed files (FLASHTRADER__Dashboard__AccessToken).
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>How often (wall time) the stages publish a fresh snapshot for the dashboard, and the push rate to a page.</summary>
    public int PublishIntervalMs { get; set; } = 200;

    /// <summary>Order-book levels per side in the depth view.</summary>
    public int DepthLevels { get; set; } = 20;

    /// <summary>How many recent trades, signals, decisions and fills each view keeps.</summary>
    public int RecentItems { get; set; } = 100;
}
