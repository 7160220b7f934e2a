namespace FlashTrader.Core.Strategies;

/// <summary>
/// Numbers the strategies of a run so signals, orders and fills carry a small int rather than strings per event.
/// Each distinct (name, version, hash) gets its own id, so a hot-swapped version is told apart from the one it
/// replaced. Id 0 is "no strategy". Thread-safe: the host registers reloaded versions off the trading thread.
/// </summary>
public sealed class StrategyCatalog
{
    public static readonly StrategyIdentity None = new(0, "none", "", "");

    private readonly object _gate = new();
    private readonly List<StrategyIdentity> _byId = [None];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    public int Register(string name, string version, string hash)
    {
        lock (_gate)
        {
            StrategyIdentity? known = _byId.Find(s => s.Name == name && s.Version == version && s.Hash == hash);
            if (known is not null)
            {
                return known.Id;
            }

            var identity = new StrategyIdentity(_byId.Count, name, version, hash);
            _byId.Add(identity);
            return identity.Id;
        }
    }

    public StrategyIdentity this[int id]
    {
        get
        {
            lock (_gate)
            {
                return (uint)id < (uint)_byId.Count ? _byId[id] : throw new ArgumentOutOfRangeException(nameof(id), id, "no strategy has this id");
            }
        }
    }

    public IReadOnlyList<StrategyIdentity> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _byId.Skip(1)];
            }
        }
    }
}
