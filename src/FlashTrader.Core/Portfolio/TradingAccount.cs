using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Portfolio;

/// <summary>
/// Balances and positions as a stage knows them from execution reports (the decision engine and the risk manager each
/// keep one), plus the orders still working. Marks come from ticks.
/// </summary>
public sealed class TradingAccount
{
    private readonly InstrumentSet _instruments;
    private readonly decimal[] _balances;
    private readonly int[] _base;
    private readonly int[] _quote;
    private readonly PositionLedger[] _positions;
    private readonly Fixed8[] _marks;
    private readonly int[] _working;
    private readonly List<(long OrderId, int SymbolId)> _workingOrders = new(32);
    private decimal _equity;
    private bool _equityStale = true;

    public TradingAccount(InstrumentSet instruments, IReadOnlyDictionary<string, decimal> balances)
    {
        _instruments = instruments;
        Assets = instruments.Assets;
        _balances = [.. Assets.Select(a => balances.TryGetValue(a, out decimal v) ? v : 0m)];
        _base = [.. instruments.All.Select(i => IndexOf(i.BaseAsset))];
        _quote = [.. instruments.All.Select(i => IndexOf(i.QuoteAsset))];
        _positions = [.. instruments.All.Select(_ => new PositionLedger())];
        _marks = new Fixed8[instruments.Count];
        _working = new int[instruments.Count];
    }

    public IReadOnlyList<string> Assets { get; }

    /// <summary>Orders sent and not yet in a final state, all symbols.</summary>
    public int WorkingOrders { get; private set; }

    public int WorkingOrdersOn(int symbolId) => _working[symbolId];

    public PositionLedger Position(int symbolId) => _positions[symbolId];

    public decimal Balance(string asset) => _balances[IndexOf(asset)];

    public decimal QuoteBalance(int symbolId) => _balances[_quote[symbolId]];

    public decimal BaseBalance(int symbolId) => _balances[_base[symbolId]];

    public Fixed8 Mark(int symbolId) => _marks[symbolId];

    /// <summary>
    /// True when every base asset held has a mark, so <see cref="Equity"/> is a real valuation. A pair whose market
    /// has not traded yet (or never will, in a replay without its data) does not matter while none of it is held.
    /// </summary>
    public bool CanValueEquity
    {
        get
        {
            for (int s = 0; s < _marks.Length; s++)
            {
                if (!_marks[s].IsPositive && _balances[_base[s]] != 0)
                {
                    return false;
                }
            }

            return true;
        }
    }

    public void Restore(int symbolId, Fixed8 quantity, decimal cost) => _positions[symbolId].Restore(quantity, cost);

    public void OnTick(in MarketTick tick)
    {
        if (tick.Features.Tradeable)
        {
            Fixed8 mark = Fixed8.FromRaw((tick.Features.BestBid.Raw + tick.Features.BestAsk.Raw) / 2);
            int symbol = tick.SymbolId;
            if (mark != _marks[symbol])
            {
                // Equity moves with a mark only where we hold the base asset (or the mark is new).
                _equityStale |= _balances[_base[symbol]] != 0 || _marks[symbol].IsZero;
                _marks[symbol] = mark;
            }
        }
    }

    public void OnOrderSent(long orderId, int symbolId)
    {
        _workingOrders.Add((orderId, symbolId));
        _working[symbolId]++;
        WorkingOrders++;
    }

    public void OnReport(in ExecutionReport report)
    {
        if (report.IsFill)
        {
            _equityStale = true;
            decimal notional = report.QuoteQuantity;
            int q = _quote[report.SymbolId];
            int b = _base[report.SymbolId];
            if (report.Side == Side.Buy)
            {
                _balances[q] -= notional + report.Fee;
                _balances[b] += report.LastQuantity.ToDecimal();
            }
            else
            {
                _balances[q] += notional - report.Fee;
                _balances[b] -= report.LastQuantity.ToDecimal();
            }

            _positions[report.SymbolId].Apply(report.Side, report.LastPrice, report.LastQuantity, report.Fee);
        }

        if (report.Status.IsFinal())
        {
            for (int i = 0; i < _workingOrders.Count; i++)
            {
                if (_workingOrders[i].OrderId == report.OrderId)
                {
                    _workingOrders.RemoveAt(i);
                    _working[report.SymbolId]--;
                    WorkingOrders--;
                    break;
                }
            }
        }
    }

    /// <summary>Balances valued at the current marks, in the quote asset of the pairs (all pairs share one quote here).</summary>
    public decimal Equity()
    {
        if (!_equityStale)
        {
            return _equity;
        }

        decimal equity = 0;
        for (int a = 0; a < _balances.Length; a++)
        {
            equity += Value(a);
        }

        _equity = equity;
        _equityStale = false;
        return equity;
    }

    /// <summary>True when <see cref="Equity"/> would recompute: something it depends on changed.</summary>
    public bool EquityChanged => _equityStale;

    private decimal Value(int asset)
    {
        for (int s = 0; s < _base.Length; s++)
        {
            if (_base[s] == asset)
            {
                return _balances[asset] == 0 ? 0 : _balances[asset] * _marks[s].ToDecimal();
            }
        }

        return _balances[asset];
    }

    private int IndexOf(string asset)
    {
        for (int i = 0; i < Assets.Count; i++)
        {
            if (Assets[i] == asset)
            {
                return i;
            }
        }

        throw new KeyNotFoundException($"asset {asset} is not traded in this run");
    }

    public int SymbolCount => _instruments.Count;
}
