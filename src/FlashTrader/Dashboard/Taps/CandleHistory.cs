using FlashTrader.Core.Candles;
using FlashTrader.Core.Indicators;
using FlashTrader.Core.Numerics;
using FlashTrader.Dashboard.Snapshots;

namespace FlashTrader.Dashboard.Taps;

/// <summary>
/// One symbol's candles of one timeframe, built from trades with <see cref="CandleBuilder"/> (allocation-free per
/// trade), the closed ones kept in a ring. The published view (closed candles, the one in progress, EMA and
/// Bollinger overlays on the closes) is rebuilt only when a trade or a close changed it.
/// </summary>
internal sealed class CandleHistory
{
    /// <summary>Short periods, so a replay of a few minutes already shows the overlays on 1-minute candles.</summary>
    public const int EmaPeriod = 5;

    public const int BollingerPeriod = 10;

    private readonly CandleBuilder _builder;
    private readonly RecentRing<Candle, CandleView> _closed;
    private long _changes;
    private long _publishedChanges = -1;
    private CandleSeriesView? _view;
    private long _closedAdded = -1;
    private List<CandleView> _closedViews = [];
    private List<LinePoint> _ema = [];
    private List<BandPoint> _bands = [];

    public CandleHistory(Timeframe timeframe, int capacity)
    {
        _closed = new RecentRing<Candle, CandleView>(capacity, c => ToView(c, closed: true));
        _builder = new CandleBuilder(timeframe, OnClosed);
    }

    public Timeframe Timeframe => _builder.Timeframe;

    public void AddTrade(long exchangeTimeNs, Fixed8 price, Fixed8 quantity)
    {
        _builder.AddTrade(exchangeTimeNs, price, quantity);
        _changes++;
    }

    public void AdvanceTo(long exchangeTimeNs) => _builder.AdvanceTo(exchangeTimeNs);

    public CandleSeriesView View()
    {
        if (_view is not null && _publishedChanges == _changes)
        {
            return _view;
        }

        if (_closedAdded != _closed.Added)
        {
            // The closed candles and their overlays change only when a candle closes: recomputed then, reused otherwise.
            _closedAdded = _closed.Added;
            _closedViews = _closed.OldestFirst();
            _ema = [];
            _bands = [];
            var ema = new Ema(EmaPeriod);
            var bollinger = new BollingerBands(BollingerPeriod);
            foreach (CandleView c in _closedViews)
            {
                double close = (double)c.Close;
                ema.Update(close);
                bollinger.Update(close);
                if (ema.IsReady)
                {
                    _ema.Add(new LinePoint(c.Time, ema.Value));
                }

                if (bollinger.IsReady)
                {
                    _bands.Add(new BandPoint(c.Time, bollinger.Upper, bollinger.Middle, bollinger.Lower));
                }
            }
        }

        List<CandleView> candles = new(_closedViews.Count + 1);
        candles.AddRange(_closedViews);
        if (_builder.TryGetCurrent(out Candle current))
        {
            candles.Add(ToView(current, closed: false));
        }

        _publishedChanges = _changes;
        _view = new CandleSeriesView(Timeframe.ToString(), candles, EmaPeriod, _ema, BollingerPeriod, _bands);
        return _view;
    }

    private void OnClosed(Candle candle)
    {
        _closed.Add(candle);
        _changes++;
    }

    private static CandleView ToView(in Candle c, bool closed) =>
        new(c.OpenTimeNs / 1_000_000_000, c.Open.ToDecimal(), c.High.ToDecimal(), c.Low.ToDecimal(), c.Close.ToDecimal(), c.Volume.ToDecimal(), c.TradeCount, closed);
}
