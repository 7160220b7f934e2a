namespace FlashTrader.Core.Portfolio;

/// <summary>
/// The outcome of every exit: a closed trade is one sell order's fills, its profit the realized PnL they booked less
/// their fees. Feeds the consecutive-loss breaker and Kelly sizing (the strategy's measured edge). No allocation.
/// </summary>
public sealed class ClosedTrades
{
    private readonly decimal[] _open;
    private readonly bool[] _filled;

    public ClosedTrades(int symbols)
    {
        _open = new decimal[symbols];
        _filled = new bool[symbols];
    }

    public int Count => Wins + Losses;

    public int Wins { get; private set; }

    public int Losses { get; private set; }

    /// <summary>Sum of the winning trades' profits.</summary>
    public decimal GrossProfit { get; private set; }

    /// <summary>Sum of the losing trades' losses, as a positive amount.</summary>
    public decimal GrossLoss { get; private set; }

    public decimal NetProfit => GrossProfit - GrossLoss;

    public int ConsecutiveLosses { get; private set; }

    /// <summary>Profit of the last closed trade (negative for a loss).</summary>
    public decimal Last { get; private set; }

    /// <summary>Share of closed trades that won, 0 before any.</summary>
    public double WinRate => Count == 0 ? 0 : (double)Wins / Count;

    /// <summary>Average win over average loss, 0 until there is at least one of each.</summary>
    public double PayoffRatio => Wins == 0 || Losses == 0 ? 0 : (double)(GrossProfit / Wins / (GrossLoss / Losses));

    /// <summary>A sell fill's realized profit (net of its fee) on <paramref name="symbolId"/>.</summary>
    public void OnExitFill(int symbolId, decimal profit)
    {
        _open[symbolId] += profit;
        _filled[symbolId] = true;
    }

    /// <summary>A sell order on the symbol reached a final state: its fills, if any, make one closed trade. True when one closed.</summary>
    public bool OnExitFinal(int symbolId)
    {
        if (!_filled[symbolId])
        {
            return false;
        }

        decimal profit = _open[symbolId];
        _open[symbolId] = 0;
        _filled[symbolId] = false;
        Last = profit;
        if (profit < 0)
        {
            Losses++;
            GrossLoss -= profit;
            ConsecutiveLosses++;
        }
        else
        {
            Wins++;
            GrossProfit += profit;
            ConsecutiveLosses = 0;
        }

        return true;
    }

    /// <summary>Forgets the current losing streak (a breaker reset).</summary>
    public void ResetStreak() => ConsecutiveLosses = 0;

    /// <summary>Continues a journaled losing streak after a restart.</summary>
    public void RestoreStreak(int consecutiveLosses) => ConsecutiveLosses = Math.Max(0, consecutiveLosses);
}
