using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Sessions;

/// <summary>
/// Performance per trading session, from the fills: a long position belongs to the session (label, e.g.
/// "europe+us") active at its first buy fill, and everything until it is flat again (more buys, the sells, their
/// fees and realized P&amp;L at average cost) is credited to that session, even after a boundary.
/// </summary>
public sealed class SessionPerformance(SessionCalendar calendar, int symbolCount)
{
    private readonly Dictionary<string, SessionResult> _results = new(StringComparer.Ordinal);
    private readonly Position[] _positions = [.. Enumerable.Range(0, symbolCount).Select(_ => new Position())];

    public IReadOnlyDictionary<string, SessionResult> Results => _results;

    public void OnFill(in ExecutionReport fill)
    {
        if (!fill.IsFill)
        {
            return;
        }

        Position p = _positions[fill.SymbolId];
        decimal quantity = fill.LastQuantity.ToDecimal();
        decimal quote = fill.QuoteQuantity;
        if (p.Quantity == 0 || p.Label is null)
        {
            p.Label = calendar.Label(calendar.ActiveAt(fill.TimeNs));
            p.TripPnl = 0;
        }

        SessionResult result = Result(p.Label);
        result.Fills++;
        result.Fees += fill.Fee;
        p.TripPnl -= fill.Fee;
        if (fill.Side == Market.Side.Buy)
        {
            p.Quantity += quantity;
            p.Cost += quote;
            return;
        }

        decimal sold = Math.Min(quantity, p.Quantity);
        decimal cost = p.Quantity > 0 ? p.Cost * sold / p.Quantity : 0;
        decimal pnl = quote - cost;
        result.RealizedPnl += pnl;
        p.TripPnl += pnl;
        p.Quantity -= sold;
        p.Cost -= cost;
        if (p.Quantity == 0)
        {
            result.RoundTrips++;
            if (p.TripPnl > 0)
            {
                result.Wins++;
            }

            p.Label = null;
            p.Cost = 0;
        }
    }

    private SessionResult Result(string label)
    {
        if (!_results.TryGetValue(label, out SessionResult? result))
        {
            result = new SessionResult();
            _results[label] = result;
        }

        return result;
    }

    private sealed class Position
    {
        public decimal Quantity { get; set; }

        public decimal Cost { get; set; }

        public decimal TripPnl { get; set; }

        public string? Label { get; set; }
    }
}
