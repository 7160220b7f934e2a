namespace FlashTrader.Mexc.Rest.Models;

/// <summary>One asset of /account: free to trade and locked in open orders (exact amounts).</summary>
public sealed record AssetBalance(string Asset, decimal Free, decimal Locked);
