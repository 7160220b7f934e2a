namespace FlashTrader.Core.Backtesting;

/// <summary>Splits closed round trips into groups and computes each group's trade statistics.</summary>
public static class PerformanceBreakdown
{
    /// <summary>One row per key in <paramref name="keys"/> order (groups without trades included, with zeros).</summary>
    public static IReadOnlyList<BreakdownRow> By(IReadOnlyList<RoundTrip> trips, IReadOnlyList<string> keys, Func<RoundTrip, string> keyOf)
    {
        var stats = keys.ToDictionary(k => k, _ => (Stats: new TradeStatistics(), Fees: 0m, Turnover: 0m), StringComparer.Ordinal);
        foreach (RoundTrip trip in trips)
        {
            string key = keyOf(trip);
            if (!stats.TryGetValue(key, out var s))
            {
                throw new ArgumentException($"round trip keyed '{key}', which is not among the breakdown's keys", nameof(keyOf));
            }

            s.Stats.Add(trip.NetPnl);
            stats[key] = (s.Stats, s.Fees + trip.Fees, s.Turnover + trip.EntryValue + trip.ExitValue);
        }

        return [.. keys.Select(k =>
        {
            (TradeStatistics t, decimal fees, decimal turnover) = stats[k];
            return new BreakdownRow(k, t.Trades, t.Wins, t.Losses, t.WinRatePercent, t.NetPnl, fees, t.ProfitFactor, t.Expectancy, turnover);
        })];
    }

    public static IReadOnlyList<BreakdownRow> BySession(IReadOnlyList<RoundTrip> trips) =>
        By(trips, [.. Enum.GetValues<TradingSession>().Select(TradingSessions.Name)], t => TradingSessions.Name(t.Session));
}
