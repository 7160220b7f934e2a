namespace FlashTrader.Core.Backtesting;

/// <summary>
/// Running totals of closed trades' net P&amp;L, enough for win rate, profit factor, expectancy and average win and
/// loss without keeping the trades. A trade with zero net P&amp;L counts as neither a win nor a loss.
/// </summary>
public sealed class TradeStatistics
{
    public int Trades { get; private set; }

    public int Wins { get; private set; }

    public int Losses { get; private set; }

    /// <summary>Sum of winning trades' net P&amp;L.</summary>
    public decimal GrossProfit { get; private set; }

    /// <summary>Sum of losing trades' net P&amp;L (zero or negative).</summary>
    public decimal GrossLoss { get; private set; }

    public decimal NetPnl => GrossProfit + GrossLoss;

    /// <summary>Wins over all trades, in percent.</summary>
    public double WinRatePercent => Trades == 0 ? 0 : Wins * 100.0 / Trades;

    /// <summary>Gross profit over the absolute gross loss; null when there is no loss to divide by.</summary>
    public double? ProfitFactor => GrossLoss == 0 ? null : (double)(GrossProfit / -GrossLoss);

    /// <summary>Mean net P&amp;L per trade.</summary>
    public decimal Expectancy => Trades == 0 ? 0 : NetPnl / Trades;

    public decimal AverageWin => Wins == 0 ? 0 : GrossProfit / Wins;

    /// <summary>Mean net P&amp;L of losing trades (zero or negative).</summary>
    public decimal AverageLoss => Losses == 0 ? 0 : GrossLoss / Losses;

    public void Add(decimal netPnl)
    {
        Trades++;
        if (netPnl > 0)
        {
            Wins++;
            GrossProfit += netPnl;
        }
        else if (netPnl < 0)
        {
            Losses++;
            GrossLoss += netPnl;
        }
    }
}
