namespace FlashTrader.Core.Configuration;

/// <summary>A configuration value that breaks a rule: the full key (e.g. PaperTrading:InitialBalance:USDC) and the rule.</summary>
public readonly record struct ConfigurationError(string Key, string Rule)
{
    public override string ToString() => $"{Key}: {Rule}";
}
