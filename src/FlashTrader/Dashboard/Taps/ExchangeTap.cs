using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Portfolio;
using FlashTrader.Dashboard.Snapshots;
using FlashTrader.Storage.State;

namespace FlashTrader.Dashboard.Taps;

/// <summary>
/// Rides on the exchange stage's thread: keeps the newest fills, allocation-free, and posts the paper account
/// (balances, positions, resting orders, fills, P&amp;L) at the publish rate.
/// </summary>
public sealed class ExchangeTap
{
    private readonly PaperExchange _exchange;
    private readonly DashboardBoard _board;
    private readonly RecentRing<ExecutionReport, FillView> _fills;
    private PublishSchedule _schedule;

    // The newest-first fills as last published: rebuilt only when a fill came in since (most publications have none).
    private List<FillView> _fillsView = [];
    private long _fillsAdded;

    public ExchangeTap(PaperExchange exchange, DashboardOptions options, DashboardBoard board)
    {
        _exchange = exchange;
        _board = board;
        _fills = new RecentRing<ExecutionReport, FillView>(options.RecentItems, f => new FillView(f.TimeNs / 1_000_000, f.FillId, f.OrderId,
            exchange.Instruments[f.SymbolId].Symbol, EnumText<Side>.Name(f.Side), EnumText<OrderPurpose>.Name(f.Purpose), f.LastPrice.ToDecimal(), f.LastQuantity.ToDecimal(), f.Fee, f.Liquidity.ToWire()));
        _schedule = new PublishSchedule(TimeSpan.FromMilliseconds(options.PublishIntervalMs));
    }

    /// <summary>Called for each report of the exchange's journal.</summary>
    public void Observe(in ExecutionReport report)
    {
        if (report.IsFill)
        {
            _fills.Add(report);
        }
    }

    public void PublishIfDue()
    {
        if (_schedule.IsDue())
        {
            Publish();
        }
    }

    public void Publish()
    {
        Wallet wallet = _exchange.Wallet;
        var balances = new List<BalanceView>(wallet.Assets.Count);
        for (int a = 0; a < wallet.Assets.Count; a++)
        {
            balances.Add(new BalanceView(wallet.Assets[a], wallet.Free(a), wallet.Locked(a), wallet.Total(a)));
        }

        var positions = new List<PositionView>(_exchange.Positions.Count);
        for (int s = 0; s < _exchange.Positions.Count; s++)
        {
            PositionLedger p = _exchange.Positions[s];
            positions.Add(new PositionView(_exchange.Instruments[s].Symbol, p.Quantity.ToDecimal(), p.AverageEntryPrice, _exchange.Mark(s).ToDecimal(),
                p.UnrealizedPnl(_exchange.Mark(s)), p.RealizedPnl, p.Fees));
        }

        var orders = new List<OrderView>(_exchange.OpenOrders.Count);
        foreach (RestingOrder r in _exchange.OpenOrders)
        {
            OrderRequest o = r.Request;
            orders.Add(new OrderView(o.OrderId, _exchange.Instruments[o.SymbolId].Symbol, EnumText<Side>.Name(o.Side), EnumText<OrderType>.Name(o.Type), EnumText<TimeInForce>.Name(o.TimeInForce),
                EnumText<OrderPurpose>.Name(o.Purpose), o.Type == OrderType.Limit ? o.Price.ToDecimal() : null, o.Quantity.ToDecimal(), r.Filled.ToDecimal()));
        }

        if (_fillsAdded != _fills.Added)
        {
            _fillsAdded = _fills.Added;
            _fillsView = _fills.NewestFirst();
        }

        _board.Post(new PortfolioSnapshot(balances, positions, orders, _fillsView, _exchange.FillCount, _exchange.Equity, _exchange.StartingEquity,
            _exchange.RealizedPnl, _exchange.UnrealizedPnl, _exchange.Fees, DateTimeOffset.UtcNow));
    }
}
