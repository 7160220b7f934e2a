using System.Runtime.InteropServices;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Market;

/// <summary>
/// One normalized market-data event, as it flows from a source (recording, live feed, simulator) into MarketState.
/// A tagged union kept as a flat readonly struct so it travels through channels and recordings without allocating.
/// Every event carries two clocks: when the exchange stamped it and when we received it (Unix ns); they are kept
/// apart because their difference (feed latency, clock skew) is an input to fill models and may even be negative.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly struct MarketEvent
{
    private readonly Fixed8 _a;
    private readonly Fixed8 _b;
    private readonly Fixed8 _c;
    private readonly Fixed8 _d;
    private readonly Fixed8 _e;
    private readonly Fixed8 _f;
    private readonly long _x;
    private readonly long _y;
    private readonly DepthLevels? _levels;
    private readonly byte[]? _payload;

    private MarketEvent(
        MarketEventKind kind, int symbolId, long exchangeTimeNs, long localTimeNs,
        Fixed8 a = default, Fixed8 b = default, Fixed8 c = default, Fixed8 d = default, Fixed8 e = default, Fixed8 f = default,
        long x = 0, long y = 0, Side side = Side.None, DepthLevels? levels = null, byte[]? payload = null)
    {
        Kind = kind;
        SymbolId = symbolId;
        ExchangeTimeNs = exchangeTimeNs;
        LocalTimeNs = localTimeNs;
        _a = a;
        _b = b;
        _c = c;
        _d = d;
        _e = e;
        _f = f;
        _x = x;
        _y = y;
        Side = side;
        _levels = levels;
        _payload = payload;
    }

    public MarketEventKind Kind { get; }

    /// <summary>Index of the symbol in the source's symbol list (recording header, configured pairs).</summary>
    public int SymbolId { get; }

    /// <summary>Exchange timestamp, Unix nanoseconds.</summary>
    public long ExchangeTimeNs { get; }

    /// <summary>Local receive timestamp, Unix nanoseconds.</summary>
    public long LocalTimeNs { get; }

    /// <summary>Trade: the aggressor (taker) side.</summary>
    public Side Side { get; }

    // Trade
    public Fixed8 Price => _a;

    public Fixed8 Quantity => _b;

    public long TradeId => _x;

    // BookTicker
    public Fixed8 BidPrice => _a;

    public Fixed8 BidQuantity => _b;

    public Fixed8 AskPrice => _c;

    public Fixed8 AskQuantity => _d;

    /// <summary>BookTicker: the book update id it reflects (0 when the source has none).</summary>
    public long UpdateId => _x;

    // Depth
    /// <summary>DepthDiff: first update id covered; DepthSnapshot: the snapshot's lastUpdateId.</summary>
    public long FirstUpdateId => _x;

    /// <summary>DepthDiff: last update id covered; DepthSnapshot: the snapshot's lastUpdateId.</summary>
    public long LastUpdateId => _y;

    /// <summary>Depth snapshot or diff levels. Valid while the event is being handled (the buffer is reused).</summary>
    public DepthLevels Levels => _levels ?? throw new InvalidOperationException($"a {Kind} event has no depth levels");

    public bool HasLevels => _levels is not null;

    // Kline
    public Fixed8 Open => _a;

    public Fixed8 High => _b;

    public Fixed8 Low => _c;

    public Fixed8 Close => _d;

    /// <summary>Kline: volume in the base asset.</summary>
    public Fixed8 Volume => _e;

    /// <summary>Kline: volume in the quote asset.</summary>
    public Fixed8 QuoteVolume => _f;

    /// <summary>Kline: the bar's open time, Unix ns.</summary>
    public long OpenTimeNs => _x;

    /// <summary>Kline: the bar's length in seconds.</summary>
    public long IntervalSeconds => _y;

    // RawFrame
    /// <summary>RawFrame: which decoder the payload is for (see the recording format's frame tags).</summary>
    public long FrameTag => _x;

    public ReadOnlySpan<byte> Payload => _payload is null ? default : _payload.AsSpan(0, (int)_y);

    public static MarketEvent Trade(int symbolId, long exchangeTimeNs, long localTimeNs, Fixed8 price, Fixed8 quantity, Side aggressor, long tradeId) =>
        new(MarketEventKind.Trade, symbolId, exchangeTimeNs, localTimeNs, a: price, b: quantity, x: tradeId, side: aggressor);

    public static MarketEvent BookTicker(int symbolId, long exchangeTimeNs, long localTimeNs, Fixed8 bidPrice, Fixed8 bidQuantity, Fixed8 askPrice, Fixed8 askQuantity, long updateId) =>
        new(MarketEventKind.BookTicker, symbolId, exchangeTimeNs, localTimeNs, a: bidPrice, b: bidQuantity, c: askPrice, d: askQuantity, x: updateId);

    public static MarketEvent DepthSnapshot(int symbolId, long exchangeTimeNs, long localTimeNs, long lastUpdateId, DepthLevels levels) =>
        new(MarketEventKind.DepthSnapshot, symbolId, exchangeTimeNs, localTimeNs, x: lastUpdateId, y: lastUpdateId, levels: levels);

    public static MarketEvent DepthDiff(int symbolId, long exchangeTimeNs, long localTimeNs, long firstUpdateId, long lastUpdateId, DepthLevels levels) =>
        new(MarketEventKind.DepthDiff, symbolId, exchangeTimeNs, localTimeNs, x: firstUpdateId, y: lastUpdateId, levels: levels);

    public static MarketEvent Kline(int symbolId, long exchangeTimeNs, long localTimeNs, long openTimeNs, long intervalSeconds, Fixed8 open, Fixed8 high, Fixed8 low, Fixed8 close, Fixed8 volume, Fixed8 quoteVolume) =>
        new(MarketEventKind.Kline, symbolId, exchangeTimeNs, localTimeNs, a: open, b: high, c: low, d: close, e: volume, f: quoteVolume, x: openTimeNs, y: intervalSeconds);

    /// <summary>A raw frame; <paramref name="payload"/>[..length] is its bytes (the buffer may be reused after handling).</summary>
    public static MarketEvent RawFrame(int symbolId, long exchangeTimeNs, long localTimeNs, long frameTag, byte[] payload, int length) =>
        new(MarketEventKind.RawFrame, symbolId, exchangeTimeNs, localTimeNs, x: frameTag, y: length, payload: payload);

    /// <summary>The same event re-addressed (symbol remapping) or with its levels moved to another buffer.</summary>
    public MarketEvent With(int symbolId, DepthLevels? levels) =>
        new(Kind, symbolId, ExchangeTimeNs, LocalTimeNs, _a, _b, _c, _d, _e, _f, _x, _y, Side, levels ?? _levels, _payload);
}
