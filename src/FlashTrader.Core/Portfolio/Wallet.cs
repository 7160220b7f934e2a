namespace FlashTrader.Core.Portfolio;

/// <summary>Free and locked balance per asset, exact. Assets are addressed by index on the hot path.</summary>
public sealed class Wallet
{
    private readonly string[] _assets;
    private readonly decimal[] _free;
    private readonly decimal[] _locked;

    public Wallet(IReadOnlyList<string> assets)
    {
        _assets = [.. assets];
        _free = new decimal[_assets.Length];
        _locked = new decimal[_assets.Length];
    }

    public IReadOnlyList<string> Assets => _assets;

    public int IndexOf(string asset)
    {
        int i = Array.IndexOf(_assets, asset);
        return i >= 0 ? i : throw new KeyNotFoundException($"asset {asset} is not traded in this run");
    }

    public decimal Free(int asset) => _free[asset];

    public decimal Locked(int asset) => _locked[asset];

    public decimal Total(int asset) => _free[asset] + _locked[asset];

    public void Set(int asset, decimal free, decimal locked)
    {
        _free[asset] = free;
        _locked[asset] = locked;
    }

    public void Credit(int asset, decimal amount) => _free[asset] += amount;

    public void Debit(int asset, decimal amount)
    {
        if (amount > _free[asset])
        {
            throw new InvalidOperationException($"{_assets[asset]}: debit of {amount} exceeds the free balance {_free[asset]}");
        }

        _free[asset] -= amount;
    }

    public void Lock(int asset, decimal amount)
    {
        Debit(asset, amount);
        _locked[asset] += amount;
    }

    public void Unlock(int asset, decimal amount)
    {
        _locked[asset] -= amount;
        _free[asset] += amount;
    }

    /// <summary>Spends from the locked part (a resting order filling).</summary>
    public void SpendLocked(int asset, decimal amount) => _locked[asset] -= amount;
}
