using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Simulator.Market;

/// <summary>
/// One-minute bars built from the replayed trades (with quote volume, which MEXC's klines carry), from which every
/// longer interval is aggregated on request. Minutes without trades have no bar, as on the exchange's 1m history.
/// </summary>
internal sealed class KlineHistory
{
    private readonly List<KlineBar> _closed = new(1024);
    private KlineBar _current;
    private bool _hasCurrent;

    public int ClosedCount => _closed.Count;

    public void AddTrade(long timeMs, Fixed8 price, Fixed8 quantity)
    {
        long open = timeMs - (timeMs % 60_000);
        decimal quote = Fixed8.Multiply(price, quantity);
        if (_hasCurrent && open == _current.OpenTimeMs)
        {
            _current = _current with
            {
                High = Fixed8.Max(_current.High, price),
                Low = Fixed8.Min(_current.Low, price),
                Close = price,
                Volume = _current.Volume + quantity,
                QuoteVolume = _current.QuoteVolume + quote,
            };
            return;
        }

        if (_hasCurrent && open < _current.OpenTimeMs)
        {
            return; // a late trade: its minute is closed
        }

        if (_hasCurrent)
        {
            _closed.Add(_current);
        }

        _current = new KlineBar(open, open + 59_999, price, price, price, price, quantity, quote);
        _hasCurrent = true;
    }

    /// <summary>
    /// Bars of <paramref name="interval"/> (a REST name) overlapping [<paramref name="startMs"/>, <paramref name="endMs"/>],
    /// oldest first, the most recent <paramref name="limit"/> of them (or the first when only a start is given).
    /// </summary>
    public List<KlineBar> Query(string interval, long? startMs, long? endMs, int limit)
    {
        var bars = new List<KlineBar>();
        KlineBar building = default;
        bool open = false;
        foreach (KlineBar minute in Minutes())
        {
            if ((startMs is long s && minute.CloseTimeMs < s) || (endMs is long e && minute.OpenTimeMs > e))
            {
                continue;
            }

            (long windowOpen, long windowClose) = KlineIntervals.WindowOf(interval, minute.OpenTimeMs);
            if (open && building.OpenTimeMs == windowOpen)
            {
                building = building with
                {
                    High = Fixed8.Max(building.High, minute.High),
                    Low = Fixed8.Min(building.Low, minute.Low),
                    Close = minute.Close,
                    Volume = building.Volume + minute.Volume,
                    QuoteVolume = building.QuoteVolume + minute.QuoteVolume,
                };
                continue;
            }

            if (open)
            {
                bars.Add(building);
            }

            building = minute with { OpenTimeMs = windowOpen, CloseTimeMs = windowClose - 1 };
            open = true;
        }

        if (open)
        {
            bars.Add(building);
        }

        if (bars.Count > limit)
        {
            bars = startMs is not null && endMs is null ? bars.GetRange(0, limit) : bars.GetRange(bars.Count - limit, limit);
        }

        return bars;
    }

    /// <summary>The bar of <paramref name="interval"/> in progress at the latest trade, if any.</summary>
    public bool TryGetCurrent(string interval, out KlineBar bar)
    {
        bar = default;
        if (!_hasCurrent)
        {
            return false;
        }

        (long windowOpen, _) = KlineIntervals.WindowOf(interval, _current.OpenTimeMs);
        List<KlineBar> bars = Query(interval, windowOpen, null, int.MaxValue);
        if (bars.Count == 0)
        {
            return false;
        }

        bar = bars[^1];
        return true;
    }

    private IEnumerable<KlineBar> Minutes()
    {
        foreach (KlineBar bar in _closed)
        {
            yield return bar;
        }

        if (_hasCurrent)
        {
            yield return _current;
        }
    }
}
