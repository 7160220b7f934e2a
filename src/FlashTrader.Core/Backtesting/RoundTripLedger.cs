using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Backtesting;

/// <summary>
/// Groups fills into round trips, per symbol: buys open or add to a long position, sells reduce it, and the fill that
/// brings it back to exactly zero closes the trip. A position still open at the end is reported by <see cref="OpenTrip"/>
/// and is not a trade (its value is in the equity curve). Also totals what every fill traded and paid.
/// </summary>
public sealed class RoundTripLedger
{
    private readonly OpenPosition[] _open;
    private readonly List<RoundTrip>? _closed;

    /// <param name="symbolCount">Number of symbols (ids 0..n-1).</param>
    /// <param name="keepTrips">False keeps only the running totals (the optimiser's case); <see cref="Closed"/> is then empty.</param>
    public RoundTripLedger(int symbolCount, bool keepTrips = true)
    {
        _open = new OpenPosition[symbolCount];
        _closed = keepTrips ? new List<RoundTrip>() : null;
        Totals = new TradeStatistics();
    }

    public IReadOnlyList<RoundTrip> Closed => (IReadOnlyList<RoundTrip>?)_closed ?? [];

    /// <summary>Running statistics of the closed trips (kept even when trips are not).</summary>
    public TradeStatistics Totals { get; }

    /// <summary>Quote value of every fill, buys and sells.</summary>
    public decimal Turnover { get; private set; }

    public decimal Fees { get; private set; }

    public long FillCount { get; private set; }

    /// <summary>Nanoseconds during which at least one symbol held a position (closed trips and, after <see cref="Finish"/>, open ones).</summary>
    public long TimeInMarketNs { get; private set; }

    private int _openCount;
    private long _inMarketSinceNs;

    /// <summary>The position currently open on a symbol, or null.</summary>
    public RoundTrip? OpenTrip(int symbolId, long nowNs)
    {
        ref OpenPosition p = ref _open[symbolId];
        return p.Quantity.IsZero ? null : new RoundTrip(symbolId, p.EntryTimeNs, nowNs, p.Quantity, p.EntryValue, p.ExitValue, p.Fees, p.EntryFills, p.ExitFills, p.SignalSource, default);
    }

    /// <summary>Applies one fill; <paramref name="signalSource"/> is credited when the fill opens a trip.</summary>
    public void OnFill(in ExecutionReport fill, int signalSource)
    {
        decimal value = fill.QuoteQuantity;
        Turnover += value;
        Fees += fill.Fee;
        FillCount++;
        ref OpenPosition p = ref _open[fill.SymbolId];
        if (fill.Side == Side.Buy)
        {
            if (p.Quantity.IsZero && p.BoughtQuantity.IsZero)
            {
                p = new OpenPosition { EntryTimeNs = fill.TimeNs, SignalSource = signalSource };
                if (_openCount++ == 0)
                {
                    _inMarketSinceNs = fill.TimeNs;
                }
            }

            p.Quantity += fill.LastQuantity;
            p.BoughtQuantity += fill.LastQuantity;
            p.EntryValue += value;
            p.Fees += fill.Fee;
            p.EntryFills++;
            return;
        }

        if (p.Quantity.IsZero)
        {
            // A sell with no position this ledger opened (a carried balance): not part of any trip.
            return;
        }

        p.Quantity -= Fixed8.Min(fill.LastQuantity, p.Quantity);
        p.ExitValue += value;
        p.Fees += fill.Fee;
        p.ExitFills++;
        if (!p.Quantity.IsZero)
        {
            return;
        }

        var trip = new RoundTrip(fill.SymbolId, p.EntryTimeNs, fill.TimeNs, p.BoughtQuantity, p.EntryValue, p.ExitValue, p.Fees, p.EntryFills, p.ExitFills, p.SignalSource, fill.Purpose);
        Totals.Add(trip.NetPnl);
        _closed?.Add(trip);
        p = default;
        if (--_openCount == 0)
        {
            TimeInMarketNs += fill.TimeNs - _inMarketSinceNs;
        }
    }

    /// <summary>Counts time still in the market up to <paramref name="endNs"/> (call once, at the end of the run).</summary>
    public void Finish(long endNs)
    {
        if (_openCount > 0)
        {
            TimeInMarketNs += endNs - _inMarketSinceNs;
            _inMarketSinceNs = endNs;
        }
    }

    /// <summary>
    /// Forgets positions still open (after <see cref="Finish"/>), so fills of a separate run that starts flat can follow
    /// (walk-forward chains its out-of-sample runs through one ledger).
    /// </summary>
    public void ForgetOpenPositions()
    {
        Array.Clear(_open);
        _openCount = 0;
    }

    private struct OpenPosition
    {
        public Fixed8 Quantity;
        public Fixed8 BoughtQuantity;
        public decimal EntryValue;
        public decimal ExitValue;
        public decimal Fees;
        public long EntryTimeNs;
        public int EntryFills;
        public int ExitFills;
        public int SignalSource;
    }
}
