using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Portfolio;

/// <summary>
/// Balances and positions as a stage knows them from execution reports (the decision engine and the risk manager each
/// keep one), plus the orders still working with what they still commit (quantity left, at their price), and the
/// closed trades. Marks come from ticks.
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
    private readonly int[] _positionSource;
    private readonly List<WorkingOrder> _workingOrders = new(32);
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
        _positionSource = [.. instruments.All.Select(_ => -1)];
        ClosedTrades = new ClosedTrades(instruments.Count);
    }

    /// <summary>Every exit's outcome, for the loss-streak breaker and Kelly sizing.</summary>
    public ClosedTrades ClosedTrades { get; }

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
        if (tick.FeaturesRef.Tradeable)
        {
            Fixed8 mark = Fixed8.FromRaw((tick.FeaturesRef.BestBid.Raw + tick.FeaturesRef.BestAsk.Raw) / 2);
            int symbol = tick.SymbolId;
            if (mark != _marks[symbol])
            {
                // Equity moves with a mark only where we hold the base asset (or the mark is new).
                _equityStale |= _balances[_base[symbol]] != 0 || _marks[symbol].IsZero;
                _marks[symbol] = mark;
            }
        }
    }

    /// <summary>An order whose quantity and price are unknown here (counts as working, commits nothing).</summary>
    public void OnOrderSent(long orderId, int symbolId) =>
        Track(new WorkingOrder(orderId, symbolId, Side.Buy, -1, default, default));

    /// <summary>
    /// An order sent: it works until a final report. A buy commits its quantity at its limit price (a market buy at
    /// the current mark), which <see cref="AvailableQuote"/> and the exposure limits count.
    /// </summary>
    public void OnOrderSent(in OrderRequest order)
    {
        Fixed8 price = order.Price.IsPositive ? order.Price : _marks[order.SymbolId];
        Track(new WorkingOrder(order.OrderId, order.SymbolId, order.Side, order.SignalSource, order.Quantity, price));
    }

    private void Track(in WorkingOrder order)
    {
        _workingOrders.Add(order);
        _working[order.SymbolId]++;
        WorkingOrders++;
    }

    /// <summary>Notional still committed by working buys on <paramref name="symbolId"/> (quantity left at the order's price).</summary>
    public decimal WorkingBuyNotional(int symbolId)
    {
        decimal notional = 0;
        foreach (WorkingOrder o in _workingOrders)
        {
            if (o.SymbolId == symbolId && o.Side == Side.Buy)
            {
                notional += Fixed8.Multiply(o.Price, o.Remaining);
            }
        }

        return notional;
    }

    /// <summary>Notional committed by working buys sent by one strategy (signal source), all symbols.</summary>
    public decimal WorkingBuyNotionalOf(int source)
    {
        decimal notional = 0;
        foreach (WorkingOrder o in _workingOrders)
        {
            if (o.Source == source && o.Side == Side.Buy)
            {
                notional += Fixed8.Multiply(o.Price, o.Remaining);
            }
        }

        return notional;
    }

    /// <summary>
    /// Quote balance the symbol's quote asset still has free for a new buy: the balance less what working buys in that
    /// asset have locked (their quantity left at their price, plus the taker fee).
    /// </summary>
    public decimal AvailableQuote(int symbolId)
    {
        int quote = _quote[symbolId];
        decimal locked = 0;
        foreach (WorkingOrder o in _workingOrders)
        {
            if (o.Side == Side.Buy && _quote[o.SymbolId] == quote)
            {
                locked += Fixed8.Multiply(o.Price, o.Remaining) * (1 + _instruments[o.SymbolId].TakerFeeRate);
            }
        }

        return _balances[quote] - locked;
    }

    /// <summary>The strategy (signal source) of the entry that opened the symbol's position; -1 when unknown.</summary>
    public int PositionSource(int symbolId) => _positionSource[symbolId];

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

            PositionLedger position = _positions[report.SymbolId];
            decimal realizedBefore = position.RealizedPnl;
            position.Apply(report.Side, report.LastPrice, report.LastQuantity, report.Fee);
            if (report.Side == Side.Sell)
            {
                ClosedTrades.OnExitFill(report.SymbolId, position.RealizedPnl - realizedBefore - report.Fee);
            }

            int index = IndexOfWorking(report.OrderId);
            if (index >= 0)
            {
                WorkingOrder o = _workingOrders[index];
                _workingOrders[index] = o with { Remaining = o.Remaining - report.LastQuantity };
                if (report.Side == Side.Buy)
                {
                    _positionSource[report.SymbolId] = o.Source;
                }
            }
        }

        if (report.Status.IsFinal())
        {
            if (report.Side == Side.Sell)
            {
                ClosedTrades.OnExitFinal(report.SymbolId);
            }

            int index = IndexOfWorking(report.OrderId);
            if (index >= 0)
            {
                _workingOrders.RemoveAt(index);
                _working[report.SymbolId]--;
                WorkingOrders--;
            }
        }
    }

    private int IndexOfWorking(long orderId)
    {
        for (int i = 0; i < _workingOrders.Count; i++)
        {
            if (_workingOrders[i].OrderId == orderId)
            {
                return i;
            }
        }

        return -1;
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

    /// <summary>An order sent and not final: what it still commits (Source is the signal source, -1 for the combined score).</summary>
    private readonly record struct WorkingOrder(long OrderId, int SymbolId, Side Side, int Source, Fixed8 Remaining, Fixed8 Price);
}
