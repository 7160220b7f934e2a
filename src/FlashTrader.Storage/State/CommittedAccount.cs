using FlashTrader.Core.Execution;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Storage.State;

/// <summary>
/// The account rows the database holds as of the last commit, so a commit rewrites only the rows that changed (most
/// commits move one balance and one position; the open orders and ids rarely). Every check records the new value as
/// written: the store forgets everything when a commit fails, so the next commit rewrites all of it.
/// </summary>
internal sealed class CommittedAccount
{
    private readonly Dictionary<string, (decimal Free, decimal Locked)> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Fixed8 Quantity, decimal Cost)> _positions = new(StringComparer.Ordinal);
    private readonly List<(OrderRequest Request, Fixed8 Filled, decimal Locked)> _openOrders = [];
    private readonly Dictionary<string, string> _textMeta = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _numberMeta = new(StringComparer.Ordinal);
    private bool _openOrdersKnown;

    public void Forget()
    {
        _balances.Clear();
        _positions.Clear();
        _openOrders.Clear();
        _openOrdersKnown = false;
        _textMeta.Clear();
        _numberMeta.Clear();
    }

    public bool BalanceChanges(string asset, decimal free, decimal locked)
    {
        if (_balances.TryGetValue(asset, out (decimal Free, decimal Locked) old) && Same(old.Free, free) && Same(old.Locked, locked))
        {
            return false;
        }

        _balances[asset] = (free, locked);
        return true;
    }

    public bool PositionChanges(string symbol, Fixed8 quantity, decimal cost)
    {
        if (_positions.TryGetValue(symbol, out (Fixed8 Quantity, decimal Cost) old) && old.Quantity == quantity && Same(old.Cost, cost))
        {
            return false;
        }

        _positions[symbol] = (quantity, cost);
        return true;
    }

    public bool MetaChanges(string key, long value) => Changes(_numberMeta, key, value);

    public bool MetaChanges(string key, string value) => Changes(_textMeta, key, value);

    public bool OpenOrdersChange(IReadOnlyList<RestingOrderState> orders) => OpenOrdersChange(orders, static o => (o.Request, o.Filled, o.Locked));

    /// <summary>The live exchange's resting orders, compared field by field: nothing is copied unless they changed.</summary>
    public bool OpenOrdersChange(IReadOnlyList<RestingOrder> orders) => OpenOrdersChange(orders, static o => (o.Request, o.Filled, o.Locked));

    private bool OpenOrdersChange<T>(IReadOnlyList<T> orders, Func<T, (OrderRequest, Fixed8, decimal)> fields)
    {
        if (_openOrdersKnown && _openOrders.Count == orders.Count)
        {
            int same = 0;
            while (same < orders.Count && _openOrders[same] == fields(orders[same]))
            {
                same++;
            }

            if (same == orders.Count)
            {
                return false;
            }
        }

        _openOrders.Clear();
        for (int i = 0; i < orders.Count; i++)
        {
            _openOrders.Add(fields(orders[i]));
        }

        _openOrdersKnown = true;
        return true;
    }

    /// <summary>Equal and written alike: 1.0 and 1.00 are equal decimals but different text in the database.</summary>
    private static bool Same(decimal a, decimal b) => a == b && a.Scale == b.Scale;

    private static bool Changes<T>(Dictionary<string, T> written, string key, T value)
    {
        if (written.TryGetValue(key, out T? old) && EqualityComparer<T>.Default.Equals(old, value))
        {
            return false;
        }

        written[key] = value;
        return true;
    }
}
