using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Candles;

/// <summary>
/// Builds candles of one timeframe, aligned to UTC boundaries, from trades (exchange time) or from exchange
/// klines of the same or a finer timeframe. Each completed candle goes to the sink, in time order, exactly once.
/// An interval without trades is emitted explicitly as a flat candle at the previous close with zero volume
/// (<see cref="Candle.IsFlat"/>). A candle built from trades completes when a trade or <see cref="AdvanceTo"/>
/// passes its end; one built from klines completes as soon as the kline covering its last part arrives.
/// Allocation-free per trade.
/// </summary>
public sealed class CandleBuilder
{
    private readonly Timeframe _timeframe;
    private readonly Action<Candle> _onClosed;
    private bool _open;             // a candle is in progress
    private bool _hasClose;         // some candle has closed: flat candles can be made
    private long _nextOpenTimeNs;   // the first interval not yet emitted (valid once anything was seen)
    private bool _started;
    private long _openTimeNs;
    private Fixed8 _o;
    private Fixed8 _h;
    private Fixed8 _l;
    private Fixed8 _c;
    private Fixed8 _v;
    private int _trades;
    private bool _flat;
    private Fixed8 _lastClose;
    private bool _empty;            // the candle in progress has no trade or kline yet
    private long _lastKlineEnd = long.MinValue;

    public CandleBuilder(Timeframe timeframe, Action<Candle> onClosed)
    {
        _timeframe = timeframe;
        _onClosed = onClosed ?? throw new ArgumentNullException(nameof(onClosed));
    }

    public Timeframe Timeframe => _timeframe;

    /// <summary>Trades older than the candle in progress (already emitted intervals); they are counted, not applied.</summary>
    public long LateTradeCount { get; private set; }

    /// <summary>The candle in progress, if any (not complete: never use it as closed).</summary>
    public bool TryGetCurrent(out Candle candle)
    {
        candle = _open ? new Candle(_openTimeNs, _timeframe, _o, _h, _l, _c, _v, _trades, _flat) : default;
        return _open;
    }

    public void AddTrade(long exchangeTimeNs, Fixed8 price, Fixed8 quantity)
    {
        long slot = _timeframe.OpenTimeOf(exchangeTimeNs);
        if (!Enter(slot))
        {
            LateTradeCount++;
            return;
        }

        if (_empty)
        {
            (_o, _h, _l, _c, _v, _flat, _empty) = (price, price, price, price, quantity, false, false);
        }
        else
        {
            _flat = false;
            _h = Fixed8.Max(_h, price);
            _l = Fixed8.Min(_l, price);
            _c = price;
            _v += quantity;
        }

        _trades++;
    }

    /// <summary>
    /// Adds an exchange kline whose timeframe equals or divides this one (e.g. 1m klines into 15m candles).
    /// A kline for an interval already emitted is an error: klines arrive in time order.
    /// </summary>
    public void AddKline(in Candle kline)
    {
        if (!_timeframe.IsMultipleOf(kline.Timeframe))
        {
            throw new ArgumentException($"a {kline.Timeframe} kline cannot build {_timeframe} candles", nameof(kline));
        }

        long slot = _timeframe.OpenTimeOf(kline.OpenTimeNs);
        if (kline.OpenTimeNs < _lastKlineEnd || !Enter(slot))
        {
            throw new ArgumentException(
                $"kline at {kline.OpenTimeNs} ns is older than the {_timeframe} candles already built (next expected at or after {Math.Max(_lastKlineEnd, _nextOpenTimeNs)} ns)",
                nameof(kline));
        }

        if (_empty)
        {
            (_o, _h, _l, _c, _v, _flat, _empty) = (kline.Open, kline.High, kline.Low, kline.Close, kline.Volume, kline.IsFlat, false);
        }
        else
        {
            _h = Fixed8.Max(_h, kline.High);
            _l = Fixed8.Min(_l, kline.Low);
            _c = kline.Close;
            _v += kline.Volume;
            _flat &= kline.IsFlat;
        }

        _trades += kline.TradeCount;
        _lastKlineEnd = kline.CloseTimeNs;
        if (kline.CloseTimeNs == _openTimeNs + _timeframe.DurationNs)
        {
            CloseCurrent();
        }
    }

    /// <summary>
    /// Tells the builder that exchange time has reached <paramref name="timeNs"/>: completes the candle in
    /// progress if it ended, and emits flat candles for every interval that ended without trades.
    /// </summary>
    public void AdvanceTo(long timeNs)
    {
        if (_open && timeNs >= _openTimeNs + _timeframe.DurationNs)
        {
            CloseCurrent();
        }

        if (!_open && _hasClose)
        {
            long current = _timeframe.OpenTimeOf(timeNs);
            while (_nextOpenTimeNs < current)
            {
                _onClosed(Candle.Flat(_nextOpenTimeNs, _timeframe, _lastClose));
                _nextOpenTimeNs += _timeframe.DurationNs;
            }
        }
    }

    /// <summary>Makes <paramref name="slot"/> the candle in progress, closing and gap-filling before it; false if it is in the past.</summary>
    private bool Enter(long slot)
    {
        if (_open)
        {
            if (slot == _openTimeNs)
            {
                return true;
            }

            if (slot < _openTimeNs)
            {
                return false;
            }

            CloseCurrent();
        }

        if (_started && slot < _nextOpenTimeNs)
        {
            return false;
        }

        if (_hasClose)
        {
            while (_nextOpenTimeNs < slot)
            {
                _onClosed(Candle.Flat(_nextOpenTimeNs, _timeframe, _lastClose));
                _nextOpenTimeNs += _timeframe.DurationNs;
            }
        }

        _started = true;
        _open = true;
        _openTimeNs = slot;
        _trades = 0;
        _flat = true;
        _empty = true;
        _v = Fixed8.Zero;
        return true;
    }

    private void CloseCurrent()
    {
        var candle = new Candle(_openTimeNs, _timeframe, _o, _h, _l, _c, _v, _trades, _flat);
        _open = false;
        _hasClose = true;
        _lastClose = _c;
        _nextOpenTimeNs = _openTimeNs + _timeframe.DurationNs;
        _onClosed(candle);
    }
}
