namespace FlashTrader.Core.Configuration;

/// <summary>Pairs whose exposure is limited together, e.g. BTCUSDC and ETHUSDC.</summary>
public sealed class CorrelationGroupOptions
{
    public string Name { get; set; } = "";

    public List<string> Symbols { get; set; } = [];

    /// <summary>Notional (positions plus working buys, at the mark) the group's pairs may hold together.</summary>
    public decimal MaxExposure { get; set; }
}
