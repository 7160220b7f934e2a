namespace FlashTrader.Core.Configuration;

public sealed class PaperTradingOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Starting balance per asset, e.g. { "USDC": 10000, "BTC": 0 }.</summary>
    public Dictionary<string, decimal> InitialBalance { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Adds <see cref="SlippageBps"/> against us on top of walking the book.</summary>
    public bool SimulateSlippage { get; set; } = true;

    public double SlippageBps { get; set; } = 2.0;

    /// <summary>The old system's random partial fills; the book already produces real partial fills.</summary>
    public bool SimulatePartialFills { get; set; }

    public double PartialFillProbability { get; set; } = 0.2;

    public bool LogTrades { get; set; } = true;

    public bool PersistState { get; set; } = true;

    /// <summary>Seed for every random draw (partial fills): the same seed replays identically.</summary>
    public int Seed { get; set; } = 42;
}
