using FlashTrader.Core.Indicators;

namespace FlashTrader.Core.Candles;

/// <summary>
/// A multi-timeframe view fed with closed 1-minute candles, with no look-ahead: a higher-timeframe candle (and
/// every indicator attached to that timeframe) changes only when its last minute has been delivered, i.e. at its
/// close time. A 1-minute consumer reading the view after minute 00:13 (closing 00:14) still sees the 15m candle
/// that closed at 00:00; after minute 00:14 (closing 00:15) it sees the one for 00:00-00:15.
/// </summary>
public sealed class MultiTimeframeCandles
{
    private readonly Timeframe[] _timeframes;
    private readonly CandleBuilder[] _builders;
    private readonly Candle[] _last;
    private readonly bool[] _has;
    private readonly List<IBarIndicator>[] _indicators;

    public MultiTimeframeCandles(params Timeframe[] higherTimeframes)
    {
        _timeframes = [Timeframe.OneMinute, .. higherTimeframes];
        _builders = new CandleBuilder[_timeframes.Length];
        _last = new Candle[_timeframes.Length];
        _has = new bool[_timeframes.Length];
        _indicators = new List<IBarIndicator>[_timeframes.Length];
        for (int i = 0; i < _timeframes.Length; i++)
        {
            if (!_timeframes[i].IsMultipleOf(Timeframe.OneMinute))
            {
                throw new ArgumentException($"{_timeframes[i]} is not a whole number of minutes", nameof(higherTimeframes));
            }

            int slot = i;
            _builders[i] = new CandleBuilder(_timeframes[i], c => OnClosed(slot, c));
            _indicators[i] = [];
        }
    }

    /// <summary>Latest time (exclusive end of the last minute delivered) the view reflects.</summary>
    public long NowNs { get; private set; } = long.MinValue;

    /// <summary>Attaches an indicator updated with each closed candle of <paramref name="timeframe"/>.</summary>
    public void Attach(Timeframe timeframe, IBarIndicator indicator) => _indicators[IndexOf(timeframe)].Add(indicator);

    /// <summary>Delivers the next closed 1-minute candle (time order; flat minutes included).</summary>
    public void OnMinuteClosed(in Candle minute)
    {
        if (minute.Timeframe != Timeframe.OneMinute)
        {
            throw new ArgumentException($"expected a 1m candle, got {minute.Timeframe}", nameof(minute));
        }

        for (int i = 0; i < _builders.Length; i++)
        {
            _builders[i].AddKline(minute);
        }

        NowNs = minute.CloseTimeNs;
    }

    /// <summary>The most recent candle of <paramref name="timeframe"/> that had closed by <see cref="NowNs"/>.</summary>
    public bool TryGetLastClosed(Timeframe timeframe, out Candle candle)
    {
        int i = IndexOf(timeframe);
        candle = _last[i];
        return _has[i];
    }

    private void OnClosed(int slot, Candle candle)
    {
        _last[slot] = candle;
        _has[slot] = true;
        var bar = candle.ToBar();
        foreach (var indicator in _indicators[slot])
        {
            indicator.Update(bar);
        }
    }

    private int IndexOf(Timeframe timeframe)
    {
        int i = Array.IndexOf(_timeframes, timeframe);
        return i >= 0 ? i : throw new ArgumentException($"{timeframe} is not in this view", nameof(timeframe));
    }
}
