using System.Text.Json.Serialization;

namespace FlashTrader.Dashboard.Snapshots;

/// <summary>What the market stage knew at one instant: per-symbol books, trades and candles, and the feed's health.</summary>
public sealed record MarketSnapshot(
    IReadOnlyList<SymbolMarketView> Symbols,
    long Events,
    double EventsPerSecond,
    long LastEventTimestamp,
    DateTimeOffset PublishedAt);

/// <param name="BookState">AwaitingSnapshot, Synced or Gap.</param>
/// <param name="Candles">By timeframe name (1m, 15m); served by /api/candles, not with the rest of the market view.</param>
/// <param name="LastUpdateTimeMs">Exchange time of the book's last change, Unix ms.</param>
public sealed record SymbolMarketView(
    string Symbol,
    string BookState,
    bool Tradeable,
    decimal? BestBid,
    decimal? BestAsk,
    decimal? Mid,
    double? SpreadBps,
    double? Imbalance,
    IReadOnlyList<BookLevelView> Bids,
    IReadOnlyList<BookLevelView> Asks,
    long Resyncs,
    long Gaps,
    long LastUpdateTimeMs,
    IReadOnlyList<TradeView> RecentTrades,
    [property: JsonIgnore] IReadOnlyDictionary<string, CandleSeriesView> Candles);

public sealed record BookLevelView(decimal Price, decimal Quantity);

/// <param name="Aggressor">Buy or Sell: the side that took liquidity.</param>
public sealed record TradeView(long TimeMs, decimal Price, decimal Quantity, string Aggressor);

/// <summary>Candles of one timeframe, oldest first; the last one may be in progress (<see cref="CandleView.Closed"/> false).</summary>
/// <param name="Ema">EMA of closes over <see cref="EmaPeriod"/> candles, one point per candle once ready.</param>
/// <param name="Bollinger">Bollinger bands (period <see cref="BollingerPeriod"/>, 2 standard deviations) once ready.</param>
public sealed record CandleSeriesView(
    string Timeframe,
    IReadOnlyList<CandleView> Candles,
    int EmaPeriod,
    IReadOnlyList<LinePoint> Ema,
    int BollingerPeriod,
    IReadOnlyList<BandPoint> Bollinger);

/// <param name="Time">Open time, Unix seconds (the chart library's time unit).</param>
public sealed record CandleView(long Time, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume, int Trades, bool Closed);

public sealed record LinePoint(long Time, double Value);

public sealed record BandPoint(long Time, double Upper, double Middle, double Lower);
