namespace FlashTrader.Core.Configuration;

public sealed class SystemOptions
{
    public string LogLevel { get; set; } = "Information";

    public bool LogToFile { get; set; } = true;

    public string LogFile { get; set; } = "logs/flashtrader-.json";

    /// <summary>State database, fills.csv and run output live here.</summary>
    public string DataDirectory { get; set; } = "./data";

    public int MetricsIntervalMs { get; set; } = 5000;
}
