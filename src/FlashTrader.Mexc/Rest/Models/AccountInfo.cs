namespace FlashTrader.Mexc.Rest.Models;

/// <summary>GET /account.</summary>
public sealed record AccountInfo
{
    public bool CanTrade { get; init; }

    public bool CanWithdraw { get; init; }

    public bool CanDeposit { get; init; }

    public long? UpdateTime { get; init; }

    public string AccountType { get; init; } = "";

    public IReadOnlyList<AssetBalance> Balances { get; init; } = [];

    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>The balance of <paramref name="asset"/>, or null when the account holds none.</summary>
    public AssetBalance? Balance(string asset) => Balances.FirstOrDefault(b => b.Asset == asset);
}
