using FlashTrader.Core.Market;

namespace FlashTrader.Mexc.Simulator.Market;

/// <summary>
/// Collects what one aggregated channel (aggre.deals / aggre.depth / aggre.bookTicker at 10 or 100 ms) sends for the
/// current window of exchange time: the trades of the window, the depth diffs merged into one (the last quantity of a
/// price wins; versions from the first diff's fromVersion to the last one's toVersion), or the last quote.
/// </summary>
internal sealed class PushAggregator
{
    private readonly long _windowMs;
    private readonly List<MarketEvent> _trades = new(64);
    private readonly List<PriceLevel> _bids = new(64);
    private readonly List<PriceLevel> _asks = new(64);
    private readonly DepthLevels _merged = new(64);
    private long _windowEndMs;
    private long _firstVersion;
    private long _lastVersion;
    private long _lastTimeNs;
    private MarketEvent _quote;
    private bool _hasQuote;

    public PushAggregator(long windowMs) => _windowMs = windowMs;

    public bool HasPending => _trades.Count > 0 || _lastVersion != 0 || _hasQuote;

    /// <summary>True when <paramref name="timeMs"/> is past the window in progress: flush before adding.</summary>
    public bool IsDue(long timeMs) => HasPending && timeMs >= _windowEndMs;

    public ReadOnlySpan<MarketEvent> Trades => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_trades);

    public void AddTrade(in MarketEvent trade)
    {
        Open(trade.ExchangeTimeNs);
        _trades.Add(trade);
    }

    public void AddQuote(in MarketEvent quote)
    {
        Open(quote.ExchangeTimeNs);
        _quote = quote;
        _hasQuote = true;
    }

    public void AddDiff(in MarketEvent diff)
    {
        Open(diff.ExchangeTimeNs);
        if (_lastVersion == 0)
        {
            _firstVersion = diff.FirstUpdateId;
        }

        _lastVersion = diff.LastUpdateId;
        _lastTimeNs = diff.ExchangeTimeNs;
        Merge(_bids, diff.Levels.Bids);
        Merge(_asks, diff.Levels.Asks);
    }

    /// <summary>The merged diff of the window (levels valid until the next call).</summary>
    public MarketEvent TakeDiff(int symbolId)
    {
        _merged.Clear();
        foreach (PriceLevel level in _bids)
        {
            _merged.AddBid(level);
        }

        foreach (PriceLevel level in _asks)
        {
            _merged.AddAsk(level);
        }

        MarketEvent diff = MarketEvent.DepthDiff(symbolId, _lastTimeNs, 0, _firstVersion, _lastVersion, _merged);
        _bids.Clear();
        _asks.Clear();
        _lastVersion = 0;
        return diff;
    }

    public MarketEvent TakeQuote()
    {
        _hasQuote = false;
        return _quote;
    }

    public void ClearTrades() => _trades.Clear();

    private void Open(long timeNs)
    {
        if (!HasPending)
        {
            long ms = timeNs / 1_000_000;
            _windowEndMs = ms - (ms % _windowMs) + _windowMs;
        }
    }

    private static void Merge(List<PriceLevel> pending, ReadOnlySpan<PriceLevel> levels)
    {
        foreach (PriceLevel level in levels)
        {
            int at = pending.Count - 1;
            while (at >= 0 && pending[at].Price != level.Price)
            {
                at--;
            }

            if (at >= 0)
            {
                pending[at] = level;
            }
            else
            {
                pending.Add(level);
            }
        }
    }
}
