namespace FlashTrader.Mexc.Simulator.Exchange;

/// <summary>The one account the simulator serves: free and locked balance per asset, exact decimals.</summary>
public sealed class SimulatedAccount
{
    private readonly SortedDictionary<string, (decimal Free, decimal Locked)> _balances = new(StringComparer.Ordinal);

    public SimulatedAccount(IEnumerable<KeyValuePair<string, decimal>> initial)
    {
        foreach ((string asset, decimal amount) in initial)
        {
            _balances[asset] = (amount, 0m);
        }
    }

    public IEnumerable<(string Asset, decimal Free, decimal Locked)> Balances =>
        _balances.Select(b => (b.Key, b.Value.Free, b.Value.Locked));

    public decimal Free(string asset) => _balances.GetValueOrDefault(asset).Free;

    public decimal Locked(string asset) => _balances.GetValueOrDefault(asset).Locked;

    internal void Change(string asset, decimal freeChange, decimal lockedChange)
    {
        (decimal free, decimal locked) = _balances.GetValueOrDefault(asset);
        free += freeChange;
        locked += lockedChange;
        if (free < 0 || locked < 0)
        {
            // The engine checks balances before it moves them: a negative balance is a bug, not a market event.
            throw new InvalidOperationException($"{asset} would go negative (free {free}, locked {locked})");
        }

        _balances[asset] = (free, locked);
    }
}
