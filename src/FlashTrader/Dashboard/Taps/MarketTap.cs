using System.Diagnostics;
using FlashTrader.Core.Candles;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Dashboard.Snapshots;
using FlashTrader.Storage.State;

namespace FlashTrader.Dashboard.Taps;

/// <summary>
/// Rides on the market stage's thread: feeds each trade to the candle builders (1m, 15m) and the recent-trades ring,
/// allocation-free, and at the publish rate posts a <see cref="MarketSnapshot"/> read from the books it owns.
/// </summary>
public sealed class MarketTap
{
    private const int CandleCapacity = 500;

    private readonly MarketState _market;
    private readonly DashboardBoard _board;
    private readonly int _depth;
    private readonly CandleHistory[][] _candles;
    private readonly RecentRing<Trade, TradeView>[] _trades;
    private readonly SymbolViewCache[] _cache;
    private PublishSchedule _schedule;
    private long _lastReceived;
    private long _lastPublishTimestamp;
    private long _lastPublishEvents;

    public MarketTap(MarketState market, DashboardOptions options, DashboardBoard board)
    {
        _market = market;
        _board = board;
        _depth = options.DepthLevels;
        int symbols = market.Markets.Count;
        _candles = new CandleHistory[symbols][];
        _trades = new RecentRing<Trade, TradeView>[symbols];
        _cache = new SymbolViewCache[symbols];
        for (int s = 0; s < symbols; s++)
        {
            _candles[s] = [new CandleHistory(Timeframe.OneMinute, CandleCapacity), new CandleHistory(Timeframe.FifteenMinutes, CandleCapacity)];
            _trades[s] = new RecentRing<Trade, TradeView>(options.RecentItems, t => new TradeView(t.TimeNs / 1_000_000, t.Price.ToDecimal(), t.Quantity.ToDecimal(), EnumText<Side>.Name(t.Aggressor)));
            _cache[s] = new SymbolViewCache();
        }

        _schedule = new PublishSchedule(TimeSpan.FromMilliseconds(options.PublishIntervalMs));
    }

    /// <summary>The timeframes the candle views offer, by name (the tf of /api/candles).</summary>
    public static IReadOnlyList<string> Timeframes { get; } = [Timeframe.OneMinute.ToString(), Timeframe.FifteenMinutes.ToString()];

    /// <summary>Called by the market stage for every tick it produced.</summary>
    public void Observe(in MarketTick tick)
    {
        _lastReceived = tick.ReceivedTimestamp;
        CandleHistory[] candles = _candles[tick.SymbolId];
        if (tick.Event.Kind == MarketEventKind.Trade)
        {
            MarketEvent ev = tick.Event;
            foreach (CandleHistory c in candles)
            {
                c.AddTrade(ev.ExchangeTimeNs, ev.Price, ev.Quantity);
            }

            _trades[tick.SymbolId].Add(new Trade(ev.ExchangeTimeNs, ev.Price, ev.Quantity, ev.Side));
        }
        else
        {
            foreach (CandleHistory c in candles)
            {
                c.AdvanceTo(tick.ExchangeTimeNs);
            }
        }
    }

    /// <summary>Called once per batch: publishes when the interval has passed.</summary>
    public void PublishIfDue()
    {
        if (_schedule.IsDue())
        {
            Publish();
        }
    }

    public void Publish()
    {
        long now = Stopwatch.GetTimestamp();
        long events = _market.Events;
        double seconds = _lastPublishTimestamp == 0 ? 0 : (now - _lastPublishTimestamp) / (double)Stopwatch.Frequency;
        double rate = seconds > 0 ? (events - _lastPublishEvents) / seconds : 0;
        _lastPublishTimestamp = now;
        _lastPublishEvents = events;
        var symbols = new SymbolMarketView[_candles.Length];
        for (int s = 0; s < symbols.Length; s++)
        {
            symbols[s] = View(s);
        }

        _board.Post(new MarketSnapshot(symbols, events, rate, _lastReceived, DateTimeOffset.UtcNow));
    }

    private SymbolMarketView View(int s)
    {
        SymbolMarket m = _market[s];
        OrderBook book = m.Book;
        SymbolViewCache cache = _cache[s];
        if (cache.BookVersion != (book.LastUpdateId, book.SnapshotsApplied, book.State))
        {
            cache.BookVersion = (book.LastUpdateId, book.SnapshotsApplied, book.State);
            cache.Bids = Levels(book.BidsFromBest);
            cache.Asks = Levels(book.AsksFromBest);
        }

        if (cache.TradesAdded != _trades[s].Added)
        {
            cache.TradesAdded = _trades[s].Added;
            cache.Trades = _trades[s].NewestFirst();
        }

        var candles = new Dictionary<string, CandleSeriesView>(StringComparer.Ordinal);
        foreach (CandleHistory c in _candles[s])
        {
            candles[c.Timeframe.ToString()] = c.View();
        }

        MarketFeatures f = m.Features;
        bool tradeable = book.IsTradeable;
        return new SymbolMarketView(
            m.Instrument.Symbol,
            EnumText<BookSyncState>.Name(book.State),
            tradeable,
            book.BidCount > 0 ? book.BestBid.Price.ToDecimal() : null,
            book.AskCount > 0 ? book.BestAsk.Price.ToDecimal() : null,
            tradeable ? Fixed8.FromRaw((book.BestBid.Price.Raw + book.BestAsk.Price.Raw) / 2).ToDecimal() : null,
            tradeable ? f.SpreadBps : null,
            tradeable ? f.Imbalance : null,
            cache.Bids,
            cache.Asks,
            book.Resyncs,
            book.Gaps,
            book.LastUpdateTimeNs / 1_000_000,
            cache.Trades,
            candles);
    }

    private List<BookLevelView> Levels(BookSide.LevelsFromBest levels)
    {
        var list = new List<BookLevelView>(_depth);
        foreach (PriceLevel level in levels)
        {
            if (list.Count == _depth)
            {
                break;
            }

            list.Add(new BookLevelView(level.Price.ToDecimal(), level.Quantity.ToDecimal()));
        }

        return list;
    }

    private readonly record struct Trade(long TimeNs, Fixed8 Price, Fixed8 Quantity, Side Aggressor);

    /// <summary>Parts of a symbol's view kept between publications while their source has not changed.</summary>
    private sealed class SymbolViewCache
    {
        public (long, long, BookSyncState) BookVersion { get; set; } = (-1, -1, BookSyncState.AwaitingSnapshot);

        public List<BookLevelView> Bids { get; set; } = [];

        public List<BookLevelView> Asks { get; set; } = [];

        public long TradesAdded { get; set; } = -1;

        public List<TradeView> Trades { get; set; } = [];
    }
}
