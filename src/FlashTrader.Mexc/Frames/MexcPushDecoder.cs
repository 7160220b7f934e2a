using System.Runtime.CompilerServices;
using System.Text;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// Decodes MEXC push frames (one PushDataV3ApiWrapper each) straight into <see cref="MarketEvent"/>s for configured
/// symbols, without allocating per frame once warm (public bodies). Never throws on bad input: a malformed frame
/// emits nothing and returns the error with its byte offset. Every body is parsed completely before its first event
/// is emitted, so a frame is all or nothing. One instance per connection (not thread-safe).
/// </summary>
[SkipLocalsInit]
public sealed class MexcPushDecoder
{
    private readonly SymbolTable _symbols;
    private readonly DepthLevelsPool _depthPool;
    private MarketEvent[] _pending = new MarketEvent[16];
    private PendingTrade[] _trades = new PendingTrade[16];

    public MexcPushDecoder(SymbolTable symbols, DepthLevelsPool depthPool)
    {
        _symbols = symbols;
        _depthPool = depthPool;
    }

    public SymbolTable Symbols => _symbols;

    public long DecodedFrames { get; private set; }

    public long UnknownSymbolFrames { get; private set; }

    public long UnsupportedFrames { get; private set; }

    public long EmptyFrames { get; private set; }

    public long MalformedFrames { get; private set; }

    /// <param name="frame">One binary WebSocket message.</param>
    /// <param name="localTimeNs">When we received it, Unix ns.</param>
    /// <param name="sink">Receives the events; depth levels must be released by it.</param>
    public MexcDecodeResult Decode<TSink>(ReadOnlySpan<byte> frame, long localTimeNs, ref TSink sink)
        where TSink : IMexcPushSink
    {
        FrameOutcome outcome = DecodeFrame(frame, localTimeNs, ref sink);
        switch (outcome.Status)
        {
            case MexcDecodeStatus.Decoded: DecodedFrames++; break;
            case MexcDecodeStatus.UnknownSymbol: UnknownSymbolFrames++; break;
            case MexcDecodeStatus.UnsupportedBody: UnsupportedFrames++; break;
            case MexcDecodeStatus.NoBody: EmptyFrames++; break;
            default: MalformedFrames++; break;
        }

        return outcome.ToResult();
    }

    private FrameOutcome DecodeFrame<TSink>(ReadOnlySpan<byte> frame, long localTimeNs, ref TSink sink)
        where TSink : IMexcPushSink
    {
        var reader = new ProtoReader(frame);
        if (!MexcPushWrapper.TryRead(ref reader, out MexcPushWrapper wrapper))
        {
            return FrameOutcome.Malformed(MexcBody.None, reader);
        }

        MexcBody body = wrapper.Body;
        bool hasSend = wrapper.SendTimeMs != 0;
        long stampMs = hasSend ? wrapper.SendTimeMs : wrapper.CreateTimeMs;
        if (!WireText.TryMillisecondsToNanoseconds(stampMs, out long exchangeNs))
        {
            reader.Fail(ProtoError.TimestampOutOfRange, hasSend ? wrapper.SendTimeOffset : wrapper.CreateTimeOffset);
            return FrameOutcome.Malformed(body, reader);
        }

        var frameInfo = new FrameInfo(body, exchangeNs, localTimeNs);
        switch (body)
        {
            case MexcBody.None:
                return FrameOutcome.Skipped(MexcDecodeStatus.NoBody, body);
            case MexcBody.PrivateAccount:
                return DecodeAccount(wrapper, frameInfo, ref sink);
            case MexcBody.PublicAggreDepths or MexcBody.PublicLimitDepths or MexcBody.PublicAggreDeals or MexcBody.PublicDeals
                or MexcBody.PublicAggreBookTicker or MexcBody.PublicBookTicker or MexcBody.PublicBookTickerBatch
                or MexcBody.PublicSpotKline or MexcBody.PrivateOrders or MexcBody.PrivateDeals:
                break;
            default:
                return FrameOutcome.Skipped(MexcDecodeStatus.UnsupportedBody, body);
        }

        if (!TryResolveSymbol(wrapper, out int symbolId))
        {
            return FrameOutcome.Skipped(MexcDecodeStatus.UnknownSymbol, body);
        }

        frameInfo = frameInfo with { SymbolId = symbolId };
        var bodyReader = new ProtoReader(wrapper.BodyBytes, wrapper.BodyOffset);
        return body switch
        {
            MexcBody.PublicAggreDepths => DecodeDepth(ref bodyReader, frameInfo, isDiff: true, ref sink),
            MexcBody.PublicLimitDepths => DecodeDepth(ref bodyReader, frameInfo, isDiff: false, ref sink),
            MexcBody.PublicAggreDeals or MexcBody.PublicDeals => DecodeDeals(ref bodyReader, frameInfo, ref sink),
            MexcBody.PublicAggreBookTicker or MexcBody.PublicBookTicker => DecodeBookTicker(ref bodyReader, frameInfo, ref sink),
            MexcBody.PublicBookTickerBatch => DecodeBookTickerBatch(ref bodyReader, frameInfo, ref sink),
            MexcBody.PublicSpotKline => DecodeKline(ref bodyReader, frameInfo, ref sink),
            MexcBody.PrivateOrders => DecodeOrder(ref bodyReader, frameInfo, ref sink),
            _ => DecodeDeal(ref bodyReader, frameInfo, ref sink),
        };
    }

    /// <summary>
    /// The wrapper's symbol field; when absent, the channel's last '@' segment, or the one before it because
    /// kline and limit-depth channels end in the interval or the level count.
    /// </summary>
    private bool TryResolveSymbol(in MexcPushWrapper wrapper, out int symbolId)
    {
        return wrapper.Symbol.IsEmpty ? TryResolveChannelSymbol(wrapper.Channel, out symbolId) : _symbols.TryGetId(wrapper.Symbol, out symbolId);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryResolveChannelSymbol(ReadOnlySpan<byte> channel, out int symbolId)
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            int at = channel.LastIndexOf((byte)'@');
            if (at < 0)
            {
                break;
            }

            if (_symbols.TryGetId(channel[(at + 1)..], out symbolId))
            {
                return true;
            }

            channel = channel[..at];
        }

        symbolId = -1;
        return false;
    }

    // Out of line, like the book tickers: every MarketEvent built on a frame (it holds references) is zeroed on entry,
    // so the decoders inlined into DecodeFrame would make every frame pay for every body's event.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private FrameOutcome DecodeDepth<TSink>(ref ProtoReader reader, in FrameInfo info, bool isDiff, ref TSink sink)
        where TSink : IMexcPushSink
    {
        DepthLevels levels = _depthPool.Rent();
        var fields = new DepthFields(levels, isDiff);
        while (true)
        {
            // The levels come as one run, read in place; the field loop takes the rest one field at a time.
            reader.ReadPriceLevelRun(levels);
            if (!reader.TryReadField(out int field) || !fields.TryReadField(ref reader, field))
            {
                break;
            }
        }

        if (reader.HasError)
        {
            levels.Release();
            return FrameOutcome.Malformed(info.Body, reader);
        }

        MarketEvent e = isDiff
            ? MarketEvent.DepthDiff(info.SymbolId, info.ExchangeNs, info.LocalNs, fields.FirstVersion, fields.LastVersion, levels)
            : MarketEvent.DepthSnapshot(info.SymbolId, info.ExchangeNs, info.LocalNs, fields.FirstVersion, levels);
        sink.OnEvent(e);
        return Decoded(info.Body, 1);
    }

    private FrameOutcome DecodeDeals<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        var fields = new DealsFields(_trades, info.ExchangeNs);
        while (true)
        {
            // As for depth: the deals come as one run, read in place; the field loop takes whatever differs.
            reader.ReadTradeRun(ref fields);
            if (!reader.TryReadField(out int field) || !fields.TryReadField(ref reader, field))
            {
                break;
            }
        }

        _trades = fields.Pending;
        if (reader.HasError)
        {
            return FrameOutcome.Malformed(info.Body, reader);
        }

        for (int i = 0; i < fields.Count; i++)
        {
            ref readonly PendingTrade t = ref _trades[i];
            sink.OnEvent(MarketEvent.Trade(info.SymbolId, t.ExchangeNs, info.LocalNs, t.Price, t.Quantity, t.Aggressor, t.TradeId));
        }

        return Decoded(info.Body, fields.Count);
    }

    private FrameOutcome EmitPending<TSink>(MexcBody body, int count, ref TSink sink)
        where TSink : IMexcPushSink
    {
        for (int i = 0; i < count; i++)
        {
            sink.OnEvent(_pending[i]);
        }

        return Decoded(body, count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // see DecodeDepth
    private static FrameOutcome DecodeBookTicker<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        var quote = new QuoteFields(withVersion: info.Body == MexcBody.PublicAggreBookTicker);
        if (!reader.TryReadFields(ref quote))
        {
            return FrameOutcome.Malformed(info.Body, reader);
        }

        sink.OnEvent(MarketEvent.BookTicker(
            info.SymbolId, info.ExchangeNs, info.LocalNs, quote.BidPrice, quote.BidQuantity, quote.AskPrice, quote.AskQuantity, quote.Version));
        return Decoded(info.Body, 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // rare bodies: their locals stay out of the hot frames
    private FrameOutcome DecodeBookTickerBatch<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        // The batch's version may follow its items on the wire: read it first, then the items.
        ProtoReader scan = reader;
        var version = default(BatchVersionFields);
        if (!scan.TryReadFields(ref version))
        {
            return FrameOutcome.Malformed(info.Body, scan);
        }

        var items = new BatchItemFields(_pending, info.SymbolId, info.ExchangeNs, info.LocalNs, version.Version);
        bool ok = reader.TryReadFields(ref items);
        _pending = items.Pending;
        return ok ? EmitPending(info.Body, items.Count, ref sink) : FrameOutcome.Malformed(info.Body, reader);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // rare bodies: their locals stay out of the hot frames
    private static FrameOutcome DecodeKline<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        var kline = new KlineFields { IntervalOffset = reader.Offset, WindowStartOffset = reader.Offset };
        if (!reader.TryReadFields(ref kline))
        {
            return FrameOutcome.Malformed(info.Body, reader);
        }

        if (!KlineInterval.TryGetSeconds(kline.Interval, out long seconds))
        {
            reader.Fail(ProtoError.UnknownInterval, kline.IntervalOffset);
            return FrameOutcome.Malformed(info.Body, reader);
        }

        if (seconds == 0)
        {
            seconds = kline.WindowEnd > kline.WindowStart ? kline.WindowEnd - kline.WindowStart : KlineInterval.NominalMonthSeconds;
        }

        if (!WireText.TrySecondsToNanoseconds(kline.WindowStart, out long openNs))
        {
            reader.Fail(ProtoError.TimestampOutOfRange, kline.WindowStartOffset);
            return FrameOutcome.Malformed(info.Body, reader);
        }

        sink.OnEvent(MarketEvent.Kline(
            info.SymbolId, info.ExchangeNs, info.LocalNs, openNs, seconds, kline.Open, kline.High, kline.Low, kline.Close, kline.Volume, kline.Amount));
        return Decoded(info.Body, 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // rare bodies: their locals stay out of the hot frames
    private static FrameOutcome DecodeOrder<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        var fields = new OrderFields { CreateTimeOffset = reader.Offset };
        reader.TryReadFields(ref fields);
        if (!TryFinishPrivateBody(ref reader, fields.CreateTimeMs, fields.CreateTimeOffset, out long createNs))
        {
            return FrameOutcome.Malformed(info.Body, reader);
        }

        var order = new PrivateOrderUpdate
        {
            SymbolId = info.SymbolId,
            OrderId = Encoding.UTF8.GetString(fields.Id),
            ClientOrderId = Encoding.UTF8.GetString(fields.ClientId),
            Price = fields.Price,
            Quantity = fields.Quantity,
            Amount = fields.Amount,
            AveragePrice = fields.AveragePrice,
            OrderType = (MexcOrderType)fields.OrderType,
            Side = SideOf(fields.TradeType),
            IsMaker = fields.IsMaker,
            RemainingAmount = fields.RemainingAmount,
            RemainingQuantity = fields.RemainingQuantity,
            LastDealQuantity = fields.LastDealQuantity,
            CumulativeQuantity = fields.CumulativeQuantity,
            CumulativeAmount = fields.CumulativeAmount,
            Status = (MexcOrderStatus)fields.Status,
            CreateTimeNs = createNs,
            ExchangeTimeNs = info.ExchangeNs,
            LocalTimeNs = info.LocalNs,
        };
        sink.OnOrder(order);
        return Decoded(info.Body, 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // rare bodies: their locals stay out of the hot frames
    private static FrameOutcome DecodeDeal<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        var fields = new PrivateDealFields { TimeOffset = reader.Offset };
        reader.TryReadFields(ref fields);
        if (!TryFinishPrivateBody(ref reader, fields.TimeMs, fields.TimeOffset, out long timeNs))
        {
            return FrameOutcome.Malformed(info.Body, reader);
        }

        var deal = new PrivateDeal
        {
            SymbolId = info.SymbolId,
            Price = fields.Price,
            Quantity = fields.Quantity,
            Amount = fields.Amount,
            Side = SideOf(fields.TradeType),
            IsMaker = fields.IsMaker,
            IsSelfTrade = fields.IsSelfTrade,
            TradeId = Encoding.UTF8.GetString(fields.TradeId),
            ClientOrderId = Encoding.UTF8.GetString(fields.ClientOrderId),
            OrderId = Encoding.UTF8.GetString(fields.OrderId),
            FeeAmount = fields.Fee,
            FeeAsset = Encoding.UTF8.GetString(fields.FeeCurrency),
            TradeTimeNs = timeNs,
            ExchangeTimeNs = info.ExchangeNs,
            LocalTimeNs = info.LocalNs,
        };
        sink.OnDeal(deal);
        return Decoded(info.Body, 1);
    }

    /// <summary>
    /// Ends a private body: its time (ms) must convert to Unix ns; false when the body or the time is malformed (the
    /// reader then holds the error and its offset).
    /// </summary>
    private static bool TryFinishPrivateBody(ref ProtoReader reader, long timeMs, int timeOffset, out long timeNs)
    {
        timeNs = 0;
        if (!reader.HasError && !WireText.TryMillisecondsToNanoseconds(timeMs, out timeNs))
        {
            reader.Fail(ProtoError.TimestampOutOfRange, timeOffset);
        }

        return !reader.HasError;
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // rare bodies: their locals stay out of the hot frames
    private static FrameOutcome DecodeAccount<TSink>(in MexcPushWrapper wrapper, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        var reader = new ProtoReader(wrapper.BodyBytes, wrapper.BodyOffset);
        var fields = new AccountFields { TimeOffset = reader.Offset };
        reader.TryReadFields(ref fields);
        if (!TryFinishPrivateBody(ref reader, fields.TimeMs, fields.TimeOffset, out long timeNs))
        {
            return FrameOutcome.Malformed(info.Body, reader);
        }

        var account = new PrivateAccountUpdate
        {
            Asset = Encoding.UTF8.GetString(fields.Asset),
            CoinId = Encoding.UTF8.GetString(fields.CoinId),
            Balance = fields.Balance,
            BalanceChange = fields.BalanceChange,
            Frozen = fields.Frozen,
            FrozenChange = fields.FrozenChange,
            ChangeType = Encoding.UTF8.GetString(fields.ChangeType),
            ChangeTimeNs = timeNs,
            ExchangeTimeNs = info.ExchangeNs,
            LocalTimeNs = info.LocalNs,
        };
        sink.OnAccount(account);
        return Decoded(info.Body, 1);
    }

    internal static Side SideOf(int tradeType) => tradeType switch
    {
        1 => Side.Buy,
        2 => Side.Sell,
        _ => Side.None,
    };

    private static FrameOutcome Decoded(MexcBody body, int events) => FrameOutcome.Decoded(body, events);

    /// <summary>What every event of one frame shares.</summary>
    private readonly record struct FrameInfo(MexcBody Body, long ExchangeNs, long LocalNs)
    {
        public int SymbolId { get; init; } = -1;
    }
}
