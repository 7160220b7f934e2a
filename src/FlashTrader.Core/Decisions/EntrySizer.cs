using FlashTrader.Core.Configuration;
using FlashTrader.Core.Indicators;
using FlashTrader.Core.Portfolio;

namespace FlashTrader.Core.Decisions;

/// <summary>
/// The quote amount an entry may spend, by the configured sizing mode, out of what is spendable: the quote balance less
/// what working buys have locked, less the banked share of realized profit. No allocation per tick.
/// </summary>
public sealed class EntrySizer
{
    private readonly SizingOptions _options;
    private readonly double _positionSizeFraction;
    private readonly Atr[] _atr;
    private readonly long[] _barIndex;
    private readonly double[] _high;
    private readonly double[] _low;
    private readonly double[] _close;
    private readonly long _barNs;
    private readonly bool _atrMode;

    public EntrySizer(SizingOptions options, double positionSizeFraction, int symbols)
    {
        _options = options;
        _positionSizeFraction = positionSizeFraction;
        Mode = options.Mode;
        _atrMode = Mode == "Atr";
        _atr = [.. Enumerable.Range(0, symbols).Select(_ => new Atr(options.AtrPeriod))];
        _barIndex = new long[symbols];
        Array.Fill(_barIndex, long.MinValue);
        _high = new double[symbols];
        _low = new double[symbols];
        _close = new double[symbols];
        _barNs = options.AtrBarMs * 1_000_000L;
    }

    public string Mode { get; }

    /// <summary>The symbol's ATR over closed bars of the mid (NaN until AtrPeriod + 1 bars have closed).</summary>
    public double Atr(int symbolId) => _atr[symbolId].Value;

    /// <summary>Builds the ATR's bars from the mid (Atr mode only: the other modes do nothing per tick).</summary>
    public void OnMid(int symbolId, long timeNs, double mid)
    {
        if (!_atrMode || !(mid > 0))
        {
            return;
        }

        long bar = timeNs / _barNs;
        if (bar != _barIndex[symbolId])
        {
            if (_barIndex[symbolId] != long.MinValue)
            {
                _atr[symbolId].Update(_high[symbolId], _low[symbolId], _close[symbolId]);
            }

            _barIndex[symbolId] = bar;
            _high[symbolId] = mid;
            _low[symbolId] = mid;
        }

        _high[symbolId] = Math.Max(_high[symbolId], mid);
        _low[symbolId] = Math.Min(_low[symbolId], mid);
        _close[symbolId] = mid;
    }

    /// <summary>Realized profit kept out of sizing: the share not reinvested.</summary>
    public decimal Banked(TradingAccount account) =>
        Math.Max(0, account.ClosedTrades.NetProfit) * (decimal)(1 - _options.ReinvestShare);

    /// <summary>Quote the account may spend on a new buy of the symbol now.</summary>
    public decimal Spendable(TradingAccount account, int symbolId) => Math.Max(0, account.AvailableQuote(symbolId) - Banked(account));

    /// <summary>The quote budget of an entry on <paramref name="symbolId"/> at <paramref name="askPrice"/>; 0 means do not enter.</summary>
    public decimal Budget(TradingAccount account, int symbolId, double strength, decimal askPrice, double? positionSizeFraction = null)
    {
        decimal spendable = Spendable(account, symbolId);
        decimal capital = account.CanValueEquity ? Math.Max(0, account.Equity() - Banked(account)) : spendable;
        switch (Mode)
        {
            case "Fixed":
                return _options.FixedQuote;
            case "PercentOfEquity":
                return capital * (decimal)(_options.EquityPercent / 100);
            case "Atr":
                {
                    double atr = _atr[symbolId].Value;
                    if (!(atr > 0))
                    {
                        return 0; // no entry before volatility is measured
                    }

                    decimal quantity = capital * (decimal)(_options.RiskPercent / 100) / (decimal)(_options.AtrMultiple * atr);
                    return quantity * askPrice;
                }

            case "Kelly":
                {
                    ClosedTrades trades = account.ClosedTrades;
                    if (trades.Count < _options.KellyMinTrades)
                    {
                        return capital * (decimal)(_options.EquityPercent / 100);
                    }

                    double kelly = KellyShare(trades.WinRate, trades.PayoffRatio);
                    return kelly <= 0 ? 0 : capital * (decimal)Math.Min(1, _options.KellyFraction * kelly);
                }

            default:
                return spendable * (decimal)((positionSizeFraction ?? _positionSizeFraction) * strength);
        }
    }

    /// <summary>
    /// Kelly's share of capital for a win rate W and payoff ratio R (average win / average loss): W - (1 - W) / R.
    /// With no loss measured yet (R = 0) every trade won: the edge is unmeasured, so bet nothing more than a win rate says.
    /// </summary>
    public static double KellyShare(double winRate, double payoffRatio) =>
        payoffRatio > 0 ? winRate - ((1 - winRate) / payoffRatio) : (winRate >= 1 ? 1 : 0);
}
