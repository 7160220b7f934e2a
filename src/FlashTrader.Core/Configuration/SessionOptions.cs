namespace FlashTrader.Core.Configuration;

/// <summary>Trading sessions (section "Sessions"): UTC windows by name, and how open positions treat a boundary.</summary>
public sealed class SessionOptions
{
    /// <summary>
    /// Session name to "HH:mm-HH:mm" UTC (end exclusive; a window may wrap past midnight). Add a key for a custom
    /// session; set a default one to "" to drop it.
    /// </summary>
    public Dictionary<string, string> Windows { get; set; } = new(StringComparer.Ordinal)
    {
        ["asia"] = "00:00-09:00",
        ["europe"] = "07:00-16:00",
        ["us"] = "13:00-22:00",
    };

    /// <summary>
    /// False (default): a position keeps the exit rules in force when it was entered, across session boundaries.
    /// True: its exits follow the session overrides of the current session.
    /// </summary>
    public bool ReapplyExitsAtBoundary { get; set; }
}
