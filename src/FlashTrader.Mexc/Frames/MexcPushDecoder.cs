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
public sealed class MexcPushDecoder
{
    private readonly SymbolTable _symbols;
    private readonly DepthLevelsPool _depthPool;
    private MarketEvent[] _pending = new MarketEvent[16];

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
        MexcDecodeResult result = DecodeFrame(frame, localTimeNs, ref sink);
        switch (result.Status)
        {
            case MexcDecodeStatus.Decoded: DecodedFrames++; break;
            case MexcDecodeStatus.UnknownSymbol: UnknownSymbolFrames++; break;
            case MexcDecodeStatus.UnsupportedBody: UnsupportedFrames++; break;
            case MexcDecodeStatus.NoBody: EmptyFrames++; break;
            default: MalformedFrames++; break;
        }

        return result;
    }

    private MexcDecodeResult DecodeFrame<TSink>(ReadOnlySpan<byte> frame, long localTimeNs, ref TSink sink)
        where TSink : IMexcPushSink
    {
        var reader = new ProtoReader(frame);
        if (!MexcPushWrapper.TryRead(ref reader, out MexcPushWrapper wrapper))
        {
            return MexcDecodeResult.Malformed(MexcBody.None, reader);
        }

        MexcBody body = wrapper.Body;
        bool hasSend = wrapper.SendTimeMs != 0;
        long stampMs = hasSend ? wrapper.SendTimeMs : wrapper.CreateTimeMs;
        if (!WireText.TryMillisecondsToNanoseconds(stampMs, out long exchangeNs))
        {
            reader.Fail(ProtoError.TimestampOutOfRange, hasSend ? wrapper.SendTimeOffset : wrapper.CreateTimeOffset);
            return MexcDecodeResult.Malformed(body, reader);
        }

        var frameInfo = new FrameInfo(body, exchangeNs, localTimeNs);
        switch (body)
        {
            case MexcBody.None:
                return new MexcDecodeResult(MexcDecodeStatus.NoBody, body, 0, ProtoError.None, -1);
            case MexcBody.PrivateAccount:
                return DecodeAccount(wrapper, frameInfo, ref sink);
            case MexcBody.PublicAggreDepths or MexcBody.PublicLimitDepths or MexcBody.PublicAggreDeals or MexcBody.PublicDeals
                or MexcBody.PublicAggreBookTicker or MexcBody.PublicBookTicker or MexcBody.PublicBookTickerBatch
                or MexcBody.PublicSpotKline or MexcBody.PrivateOrders or MexcBody.PrivateDeals:
                break;
            default:
                return new MexcDecodeResult(MexcDecodeStatus.UnsupportedBody, body, 0, ProtoError.None, -1);
        }

        if (!TryResolveSymbol(wrapper, out int symbolId))
        {
            return new MexcDecodeResult(MexcDecodeStatus.UnknownSymbol, body, 0, ProtoError.None, -1);
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
        if (!wrapper.Symbol.IsEmpty)
        {
            return _symbols.TryGetId(wrapper.Symbol, out symbolId);
        }

        ReadOnlySpan<byte> channel = wrapper.Channel;
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

    private MexcDecodeResult DecodeDepth<TSink>(ref ProtoReader reader, in FrameInfo info, bool isDiff, ref TSink sink)
        where TSink : IMexcPushSink
    {
        DepthLevels levels = _depthPool.Rent();
        long first = 0, last = 0;
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok;
            switch (field)
            {
                case 1 or 2:
                    ok = reader.TryReadMessageField(wireType, tagOffset, out ProtoReader item);
                    if (ok)
                    {
                        ok = TryReadLevel(ref item, out PriceLevel level) || reader.Adopt(item);
                        if (ok)
                        {
                            levels.Add(field == 2 ? Side.Buy : Side.Sell, level);
                        }
                    }

                    break;
                case 3:
                    ok = reader.TrySkipStringField(wireType, tagOffset);
                    break;
                case 4:
                    ok = reader.TryReadIntegerField(wireType, tagOffset, out first);
                    break;
                case 5 when isDiff:
                    ok = reader.TryReadIntegerField(wireType, tagOffset, out last);
                    break;
                case 5 when !isDiff:
                case 6 when isDiff:
                    ok = reader.TrySkipVarintField(wireType, tagOffset); // lastOrderCreateTime
                    break;
                default:
                    ok = reader.TrySkip(wireType);
                    break;
            }

            if (!ok)
            {
                break;
            }
        }

        if (reader.HasError)
        {
            levels.Release();
            return MexcDecodeResult.Malformed(info.Body, reader);
        }

        MarketEvent e = isDiff
            ? MarketEvent.DepthDiff(info.SymbolId, info.ExchangeNs, info.LocalNs, first, last, levels)
            : MarketEvent.DepthSnapshot(info.SymbolId, info.ExchangeNs, info.LocalNs, first, levels);
        sink.OnEvent(e);
        return Decoded(info.Body, 1);
    }

    private static bool TryReadLevel(ref ProtoReader reader, out PriceLevel level)
    {
        Fixed8 price = default, quantity = default;
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok = field switch
            {
                1 => reader.TryReadDecimalField(wireType, tagOffset, out price),
                2 => reader.TryReadDecimalField(wireType, tagOffset, out quantity),
                _ => reader.TrySkip(wireType),
            };
            if (!ok)
            {
                break;
            }
        }

        level = new PriceLevel(price, quantity);
        return !reader.HasError;
    }

    private MexcDecodeResult DecodeDeals<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        int count = 0;
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok;
            switch (field)
            {
                case 1:
                    ok = reader.TryReadMessageField(wireType, tagOffset, out ProtoReader item);
                    if (ok)
                    {
                        ok = TryReadDeal(ref item, info, out MarketEvent trade) || reader.Adopt(item);
                        if (ok)
                        {
                            if (count == _pending.Length)
                            {
                                Array.Resize(ref _pending, count * 2);
                            }

                            _pending[count++] = trade;
                        }
                    }

                    break;
                case 2:
                    ok = reader.TrySkipStringField(wireType, tagOffset);
                    break;
                default:
                    ok = reader.TrySkip(wireType);
                    break;
            }

            if (!ok)
            {
                break;
            }
        }

        if (reader.HasError)
        {
            return MexcDecodeResult.Malformed(info.Body, reader);
        }

        for (int i = 0; i < count; i++)
        {
            sink.OnEvent(_pending[i]);
        }

        return Decoded(info.Body, count);
    }

    private static bool TryReadDeal(ref ProtoReader reader, in FrameInfo info, out MarketEvent trade)
    {
        Fixed8 price = default, quantity = default;
        int tradeType = 0;
        long timeMs = 0, tradeId = 0;
        int timeOffset = reader.Offset;
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok;
            switch (field)
            {
                case 1:
                    ok = reader.TryReadDecimalField(wireType, tagOffset, out price);
                    break;
                case 2:
                    ok = reader.TryReadDecimalField(wireType, tagOffset, out quantity);
                    break;
                case 3:
                    ok = reader.TryReadInt32Field(wireType, tagOffset, out tradeType);
                    break;
                case 4:
                    timeOffset = tagOffset;
                    ok = reader.TryReadInt64Field(wireType, tagOffset, out timeMs);
                    break;
                case 5:
                    ok = reader.TryReadBytesField(wireType, tagOffset, out ReadOnlySpan<byte> id, out _);
                    tradeId = WireText.TradeIdOf(id);
                    break;
                default:
                    ok = reader.TrySkip(wireType);
                    break;
            }

            if (!ok)
            {
                break;
            }
        }

        trade = default;
        if (reader.HasError)
        {
            return false;
        }

        long exchangeNs = info.ExchangeNs;
        if (timeMs != 0 && !WireText.TryMillisecondsToNanoseconds(timeMs, out exchangeNs))
        {
            return reader.Fail(ProtoError.TimestampOutOfRange, timeOffset);
        }

        trade = MarketEvent.Trade(info.SymbolId, exchangeNs, info.LocalNs, price, quantity, SideOf(tradeType), tradeId);
        return true;
    }

    private static MexcDecodeResult DecodeBookTicker<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        if (!TryReadQuote(ref reader, info, withVersion: info.Body == MexcBody.PublicAggreBookTicker, 0, out MarketEvent quote))
        {
            return MexcDecodeResult.Malformed(info.Body, reader);
        }

        sink.OnEvent(quote);
        return Decoded(info.Body, 1);
    }

    /// <summary>Fields 1-4 (bid price, bid quantity, ask price, ask quantity); 5 version and 6 time in the aggre form.</summary>
    private static bool TryReadQuote(ref ProtoReader reader, in FrameInfo info, bool withVersion, long updateId, out MarketEvent quote)
    {
        Fixed8 bidPrice = default, bidQuantity = default, askPrice = default, askQuantity = default;
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok = field switch
            {
                1 => reader.TryReadDecimalField(wireType, tagOffset, out bidPrice),
                2 => reader.TryReadDecimalField(wireType, tagOffset, out bidQuantity),
                3 => reader.TryReadDecimalField(wireType, tagOffset, out askPrice),
                4 => reader.TryReadDecimalField(wireType, tagOffset, out askQuantity),
                5 when withVersion => reader.TryReadIntegerField(wireType, tagOffset, out updateId),
                6 when withVersion => reader.TrySkipVarintField(wireType, tagOffset),
                _ => reader.TrySkip(wireType),
            };
            if (!ok)
            {
                break;
            }
        }

        quote = reader.HasError
            ? default
            : MarketEvent.BookTicker(info.SymbolId, info.ExchangeNs, info.LocalNs, bidPrice, bidQuantity, askPrice, askQuantity, updateId);
        return !reader.HasError;
    }

    private MexcDecodeResult DecodeBookTickerBatch<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        // The batch's version may follow its items on the wire: read it first, then the items.
        ProtoReader scan = reader;
        long version = 0;
        while (true)
        {
            int tagOffset = scan.Offset;
            if (!scan.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok = field switch
            {
                2 => scan.TryReadIntegerField(wireType, tagOffset, out version),
                3 => scan.TrySkipVarintField(wireType, tagOffset),
                _ => scan.TrySkip(wireType),
            };
            if (!ok)
            {
                break;
            }
        }

        if (scan.HasError)
        {
            return MexcDecodeResult.Malformed(info.Body, scan);
        }

        int count = 0;
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok;
            if (field == 1)
            {
                ok = reader.TryReadMessageField(wireType, tagOffset, out ProtoReader item);
                if (ok)
                {
                    ok = TryReadQuote(ref item, info, withVersion: false, version, out MarketEvent quote) || reader.Adopt(item);
                    if (ok)
                    {
                        if (count == _pending.Length)
                        {
                            Array.Resize(ref _pending, count * 2);
                        }

                        _pending[count++] = quote;
                    }
                }
            }
            else
            {
                ok = reader.TrySkip(wireType);
            }

            if (!ok)
            {
                break;
            }
        }

        if (reader.HasError)
        {
            return MexcDecodeResult.Malformed(info.Body, reader);
        }

        for (int i = 0; i < count; i++)
        {
            sink.OnEvent(_pending[i]);
        }

        return Decoded(info.Body, count);
    }

    private static MexcDecodeResult DecodeKline<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        ReadOnlySpan<byte> interval = default;
        int intervalOffset = reader.Offset, startOffset = reader.Offset;
        long windowStart = 0, windowEnd = 0;
        Fixed8 open = default, close = default, high = default, low = default, volume = default, amount = default;
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok;
            switch (field)
            {
                case 1:
                    intervalOffset = tagOffset;
                    ok = reader.TryReadBytesField(wireType, tagOffset, out interval, out _);
                    break;
                case 2:
                    startOffset = tagOffset;
                    ok = reader.TryReadInt64Field(wireType, tagOffset, out windowStart);
                    break;
                case 3: ok = reader.TryReadDecimalField(wireType, tagOffset, out open); break;
                case 4: ok = reader.TryReadDecimalField(wireType, tagOffset, out close); break;
                case 5: ok = reader.TryReadDecimalField(wireType, tagOffset, out high); break;
                case 6: ok = reader.TryReadDecimalField(wireType, tagOffset, out low); break;
                case 7: ok = reader.TryReadDecimalField(wireType, tagOffset, out volume); break;
                case 8: ok = reader.TryReadDecimalField(wireType, tagOffset, out amount); break;
                case 9: ok = reader.TryReadInt64Field(wireType, tagOffset, out windowEnd); break;
                default: ok = reader.TrySkip(wireType); break;
            }

            if (!ok)
            {
                break;
            }
        }

        if (reader.HasError)
        {
            return MexcDecodeResult.Malformed(info.Body, reader);
        }

        if (!KlineInterval.TryGetSeconds(interval, out long seconds))
        {
            reader.Fail(ProtoError.UnknownInterval, intervalOffset);
            return MexcDecodeResult.Malformed(info.Body, reader);
        }

        if (seconds == 0)
        {
            seconds = windowEnd > windowStart ? windowEnd - windowStart : KlineInterval.NominalMonthSeconds;
        }

        if (!WireText.TrySecondsToNanoseconds(windowStart, out long openNs))
        {
            reader.Fail(ProtoError.TimestampOutOfRange, startOffset);
            return MexcDecodeResult.Malformed(info.Body, reader);
        }

        sink.OnEvent(MarketEvent.Kline(info.SymbolId, info.ExchangeNs, info.LocalNs, openNs, seconds, open, high, low, close, volume, amount));
        return Decoded(info.Body, 1);
    }

    private static MexcDecodeResult DecodeOrder<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        ReadOnlySpan<byte> id = default, clientId = default;
        Fixed8 price = default, quantity = default, amount = default, avgPrice = default, remainAmount = default,
            remainQuantity = default, lastDeal = default, cumQuantity = default, cumAmount = default;
        int orderType = 0, tradeType = 0, status = 0;
        bool isMaker = false;
        long createMs = 0;
        int createOffset = reader.Offset;
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok;
            switch (field)
            {
                case 1: ok = reader.TryReadBytesField(wireType, tagOffset, out id, out _); break;
                case 2: ok = reader.TryReadBytesField(wireType, tagOffset, out clientId, out _); break;
                case 3: ok = reader.TryReadDecimalField(wireType, tagOffset, out price); break;
                case 4: ok = reader.TryReadDecimalField(wireType, tagOffset, out quantity); break;
                case 5: ok = reader.TryReadDecimalField(wireType, tagOffset, out amount); break;
                case 6: ok = reader.TryReadDecimalField(wireType, tagOffset, out avgPrice); break;
                case 7: ok = reader.TryReadInt32Field(wireType, tagOffset, out orderType); break;
                case 8: ok = reader.TryReadInt32Field(wireType, tagOffset, out tradeType); break;
                case 9: ok = reader.TryReadBoolField(wireType, tagOffset, out isMaker); break;
                case 10: ok = reader.TryReadDecimalField(wireType, tagOffset, out remainAmount); break;
                case 11: ok = reader.TryReadDecimalField(wireType, tagOffset, out remainQuantity); break;
                case 12: ok = reader.TryReadDecimalField(wireType, tagOffset, out lastDeal); break;
                case 13: ok = reader.TryReadDecimalField(wireType, tagOffset, out cumQuantity); break;
                case 14: ok = reader.TryReadDecimalField(wireType, tagOffset, out cumAmount); break;
                case 15: ok = reader.TryReadInt32Field(wireType, tagOffset, out status); break;
                case 16:
                    createOffset = tagOffset;
                    ok = reader.TryReadInt64Field(wireType, tagOffset, out createMs);
                    break;
                default: ok = reader.TrySkip(wireType); break;
            }

            if (!ok)
            {
                break;
            }
        }

        if (!reader.HasError && !WireText.TryMillisecondsToNanoseconds(createMs, out _))
        {
            reader.Fail(ProtoError.TimestampOutOfRange, createOffset);
        }

        if (reader.HasError)
        {
            return MexcDecodeResult.Malformed(info.Body, reader);
        }

        WireText.TryMillisecondsToNanoseconds(createMs, out long createNs);
        var order = new PrivateOrderUpdate
        {
            SymbolId = info.SymbolId,
            OrderId = Encoding.UTF8.GetString(id),
            ClientOrderId = Encoding.UTF8.GetString(clientId),
            Price = price,
            Quantity = quantity,
            Amount = amount,
            AveragePrice = avgPrice,
            OrderType = (MexcOrderType)orderType,
            Side = SideOf(tradeType),
            IsMaker = isMaker,
            RemainingAmount = remainAmount,
            RemainingQuantity = remainQuantity,
            LastDealQuantity = lastDeal,
            CumulativeQuantity = cumQuantity,
            CumulativeAmount = cumAmount,
            Status = (MexcOrderStatus)status,
            CreateTimeNs = createNs,
            ExchangeTimeNs = info.ExchangeNs,
            LocalTimeNs = info.LocalNs,
        };
        sink.OnOrder(order);
        return Decoded(info.Body, 1);
    }

    private static MexcDecodeResult DecodeDeal<TSink>(ref ProtoReader reader, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        ReadOnlySpan<byte> tradeId = default, clientOrderId = default, orderId = default, feeCurrency = default;
        Fixed8 price = default, quantity = default, amount = default, fee = default;
        int tradeType = 0;
        bool isMaker = false, isSelfTrade = false;
        long timeMs = 0;
        int timeOffset = reader.Offset;
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok;
            switch (field)
            {
                case 1: ok = reader.TryReadDecimalField(wireType, tagOffset, out price); break;
                case 2: ok = reader.TryReadDecimalField(wireType, tagOffset, out quantity); break;
                case 3: ok = reader.TryReadDecimalField(wireType, tagOffset, out amount); break;
                case 4: ok = reader.TryReadInt32Field(wireType, tagOffset, out tradeType); break;
                case 5: ok = reader.TryReadBoolField(wireType, tagOffset, out isMaker); break;
                case 6: ok = reader.TryReadBoolField(wireType, tagOffset, out isSelfTrade); break;
                case 7: ok = reader.TryReadBytesField(wireType, tagOffset, out tradeId, out _); break;
                case 8: ok = reader.TryReadBytesField(wireType, tagOffset, out clientOrderId, out _); break;
                case 9: ok = reader.TryReadBytesField(wireType, tagOffset, out orderId, out _); break;
                case 10: ok = reader.TryReadDecimalField(wireType, tagOffset, out fee); break;
                case 11: ok = reader.TryReadBytesField(wireType, tagOffset, out feeCurrency, out _); break;
                case 12:
                    timeOffset = tagOffset;
                    ok = reader.TryReadInt64Field(wireType, tagOffset, out timeMs);
                    break;
                default: ok = reader.TrySkip(wireType); break;
            }

            if (!ok)
            {
                break;
            }
        }

        if (!TryFinishPrivateBody(ref reader, timeMs, timeOffset, out long timeNs))
        {
            return MexcDecodeResult.Malformed(info.Body, reader);
        }

        var deal = new PrivateDeal
        {
            SymbolId = info.SymbolId,
            Price = price,
            Quantity = quantity,
            Amount = amount,
            Side = SideOf(tradeType),
            IsMaker = isMaker,
            IsSelfTrade = isSelfTrade,
            TradeId = Encoding.UTF8.GetString(tradeId),
            ClientOrderId = Encoding.UTF8.GetString(clientOrderId),
            OrderId = Encoding.UTF8.GetString(orderId),
            FeeAmount = fee,
            FeeAsset = Encoding.UTF8.GetString(feeCurrency),
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

    private static MexcDecodeResult DecodeAccount<TSink>(in MexcPushWrapper wrapper, in FrameInfo info, ref TSink sink)
        where TSink : IMexcPushSink
    {
        var reader = new ProtoReader(wrapper.BodyBytes, wrapper.BodyOffset);
        ReadOnlySpan<byte> asset = default, coinId = default, changeType = default;
        Fixed8 balance = default, balanceChange = default, frozen = default, frozenChange = default;
        long timeMs = 0;
        int timeOffset = reader.Offset;
        while (true)
        {
            int tagOffset = reader.Offset;
            if (!reader.TryReadTag(out int field, out WireType wireType))
            {
                break;
            }

            bool ok;
            switch (field)
            {
                case 1: ok = reader.TryReadBytesField(wireType, tagOffset, out asset, out _); break;
                case 2: ok = reader.TryReadBytesField(wireType, tagOffset, out coinId, out _); break;
                case 3: ok = reader.TryReadDecimalField(wireType, tagOffset, out balance); break;
                case 4: ok = reader.TryReadDecimalField(wireType, tagOffset, out balanceChange); break;
                case 5: ok = reader.TryReadDecimalField(wireType, tagOffset, out frozen); break;
                case 6: ok = reader.TryReadDecimalField(wireType, tagOffset, out frozenChange); break;
                case 7: ok = reader.TryReadBytesField(wireType, tagOffset, out changeType, out _); break;
                case 8:
                    timeOffset = tagOffset;
                    ok = reader.TryReadInt64Field(wireType, tagOffset, out timeMs);
                    break;
                default: ok = reader.TrySkip(wireType); break;
            }

            if (!ok)
            {
                break;
            }
        }

        if (!TryFinishPrivateBody(ref reader, timeMs, timeOffset, out long timeNs))
        {
            return MexcDecodeResult.Malformed(info.Body, reader);
        }

        var account = new PrivateAccountUpdate
        {
            Asset = Encoding.UTF8.GetString(asset),
            CoinId = Encoding.UTF8.GetString(coinId),
            Balance = balance,
            BalanceChange = balanceChange,
            Frozen = frozen,
            FrozenChange = frozenChange,
            ChangeType = Encoding.UTF8.GetString(changeType),
            ChangeTimeNs = timeNs,
            ExchangeTimeNs = info.ExchangeNs,
            LocalTimeNs = info.LocalNs,
        };
        sink.OnAccount(account);
        return Decoded(info.Body, 1);
    }

    private static Side SideOf(int tradeType) => tradeType switch
    {
        1 => Side.Buy,
        2 => Side.Sell,
        _ => Side.None,
    };

    private static MexcDecodeResult Decoded(MexcBody body, int events) =>
        new(MexcDecodeStatus.Decoded, body, events, ProtoError.None, -1);

    /// <summary>What every event of one frame shares.</summary>
    private readonly record struct FrameInfo(MexcBody Body, long ExchangeNs, long LocalNs)
    {
        public int SymbolId { get; init; } = -1;
    }
}
