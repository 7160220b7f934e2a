namespace FlashTrader.Core.Strategies;

/// <summary>What a strategy id stands for: the strategy's name, version and content hash.</summary>
public sealed record StrategyIdentity(int Id, string Name, string Version, string Hash)
{
    public override string ToString() => $"{Name} {Version} ({Hash})";
}
