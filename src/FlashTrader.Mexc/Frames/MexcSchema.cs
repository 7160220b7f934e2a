namespace FlashTrader.Mexc.Frames;

/// <summary>How a schema field is encoded and shown in JSON.</summary>
public enum MexcFieldKind : byte
{
    String,
    Int64,
    Int32,
    Bool,
    Message,
    RepeatedMessage,
}

/// <summary>One field of a MEXC push message, named as in MEXC's published .proto files.</summary>
public sealed record MexcField(int Number, string Name, MexcFieldKind Kind, MexcMessage? Message = null);

/// <summary>A MEXC push message type: its fields in declaration order.</summary>
public sealed class MexcMessage
{
    private readonly Dictionary<int, MexcField> _byNumber;

    public MexcMessage(string name, params MexcField[] fields)
    {
        Name = name;
        Fields = fields;
        _byNumber = fields.ToDictionary(f => f.Number);
    }

    public string Name { get; }

    public IReadOnlyList<MexcField> Fields { get; }

    public MexcField? Find(int number) => _byNumber.GetValueOrDefault(number);
}

/// <summary>The Spot V3 push schema (PushDataV3ApiWrapper and every body), for the full-fidelity JSON view.</summary>
public static class MexcSchema
{
    private static MexcField S(int n, string name) => new(n, name, MexcFieldKind.String);

    private static MexcField I64(int n, string name) => new(n, name, MexcFieldKind.Int64);

    private static MexcField I32(int n, string name) => new(n, name, MexcFieldKind.Int32);

    private static MexcField B(int n, string name) => new(n, name, MexcFieldKind.Bool);

    private static MexcField M(int n, string name, MexcMessage message) => new(n, name, MexcFieldKind.Message, message);

    private static MexcField R(int n, string name, MexcMessage message) => new(n, name, MexcFieldKind.RepeatedMessage, message);

    private static readonly MexcMessage DepthItem = new("PublicDepthV3ApiItem", S(1, "price"), S(2, "quantity"));

    public static readonly MexcMessage PublicDeals = new(
        "PublicDealsV3Api",
        R(1, "deals", new MexcMessage("PublicDealsV3ApiItem", S(1, "price"), S(2, "quantity"), I32(3, "tradeType"), I64(4, "time"))),
        S(2, "eventType"));

    public static readonly MexcMessage PublicIncreaseDepths = new(
        "PublicIncreaseDepthsV3Api", R(1, "asks", DepthItem), R(2, "bids", DepthItem), S(3, "eventType"), S(4, "version"));

    public static readonly MexcMessage PublicLimitDepths = new(
        "PublicLimitDepthsV3Api", R(1, "asks", DepthItem), R(2, "bids", DepthItem), S(3, "eventType"), S(4, "version"), I64(5, "lastOrderCreateTime"));

    public static readonly MexcMessage PrivateOrders = new(
        "PrivateOrdersV3Api",
        S(1, "id"), S(2, "clientId"), S(3, "price"), S(4, "quantity"), S(5, "amount"), S(6, "avgPrice"), I32(7, "orderType"),
        I32(8, "tradeType"), B(9, "isMaker"), S(10, "remainAmount"), S(11, "remainQuantity"), S(12, "lastDealQuantity"),
        S(13, "cumulativeQuantity"), S(14, "cumulativeAmount"), I32(15, "status"), I64(16, "createTime"), S(17, "market"),
        I32(18, "triggerType"), S(19, "triggerPrice"), I32(20, "state"), S(21, "ocoId"), S(22, "routeFactor"), S(23, "symbolId"),
        S(24, "marketId"), S(25, "marketCurrencyId"), S(26, "currencyId"));

    public static readonly MexcMessage PublicBookTicker = new(
        "PublicBookTickerV3Api", S(1, "bidPrice"), S(2, "bidQuantity"), S(3, "askPrice"), S(4, "askQuantity"));

    public static readonly MexcMessage PrivateDeals = new(
        "PrivateDealsV3Api",
        S(1, "price"), S(2, "quantity"), S(3, "amount"), I32(4, "tradeType"), B(5, "isMaker"), B(6, "isSelfTrade"), S(7, "tradeId"),
        S(8, "clientOrderId"), S(9, "orderId"), S(10, "feeAmount"), S(11, "feeCurrency"), I64(12, "time"));

    public static readonly MexcMessage PrivateAccount = new(
        "PrivateAccountV3Api",
        S(1, "vcoinName"), S(2, "coinId"), S(3, "balanceAmount"), S(4, "balanceAmountChange"), S(5, "frozenAmount"),
        S(6, "frozenAmountChange"), S(7, "type"), I64(8, "time"));

    public static readonly MexcMessage PublicSpotKline = new(
        "PublicSpotKlineV3Api",
        S(1, "interval"), I64(2, "windowStart"), S(3, "openingPrice"), S(4, "closingPrice"), S(5, "highestPrice"),
        S(6, "lowestPrice"), S(7, "volume"), S(8, "amount"), I64(9, "windowEnd"));

    public static readonly MexcMessage PublicMiniTicker = new(
        "PublicMiniTickerV3Api",
        S(1, "symbol"), S(2, "price"), S(3, "rate"), S(4, "zonedRate"), S(5, "high"), S(6, "low"), S(7, "volume"), S(8, "quantity"),
        S(9, "lastCloseRate"), S(10, "lastCloseZonedRate"), S(11, "lastCloseHigh"), S(12, "lastCloseLow"));

    public static readonly MexcMessage PublicMiniTickers = new("PublicMiniTickersV3Api", R(1, "items", PublicMiniTicker));

    public static readonly MexcMessage PublicBookTickerBatch = new(
        "PublicBookTickerBatchV3Api", R(1, "items", PublicBookTicker), S(2, "version"), I64(3, "lastOrderCreateTime"));

    public static readonly MexcMessage PublicIncreaseDepthsBatch = new(
        "PublicIncreaseDepthsBatchV3Api", R(1, "items", PublicIncreaseDepths), S(2, "eventType"));

    public static readonly MexcMessage PublicAggreDepths = new(
        "PublicAggreDepthsV3Api",
        R(1, "asks", DepthItem), R(2, "bids", DepthItem), S(3, "eventType"), S(4, "fromVersion"), S(5, "toVersion"), I64(6, "lastOrderCreateTime"));

    public static readonly MexcMessage PublicAggreDeals = new(
        "PublicAggreDealsV3Api",
        R(1, "deals", new MexcMessage("PublicAggreDealsV3ApiItem", S(1, "price"), S(2, "quantity"), I32(3, "tradeType"), I64(4, "time"), S(5, "tradeId"))),
        S(2, "eventType"));

    public static readonly MexcMessage PublicAggreBookTicker = new(
        "PublicAggreBookTickerV3Api",
        S(1, "bidPrice"), S(2, "bidQuantity"), S(3, "askPrice"), S(4, "askQuantity"), S(5, "version"), I64(6, "lastOrderCreateTime"));

    /// <summary>The wrapper; its body fields (301-315) form a oneof, listed where the .proto declares them.</summary>
    public static readonly MexcMessage Wrapper = new(
        "PushDataV3ApiWrapper",
        S(1, "channel"),
        M(301, "publicDeals", PublicDeals),
        M(302, "publicIncreaseDepths", PublicIncreaseDepths),
        M(303, "publicLimitDepths", PublicLimitDepths),
        M(304, "privateOrders", PrivateOrders),
        M(305, "publicBookTicker", PublicBookTicker),
        M(306, "privateDeals", PrivateDeals),
        M(307, "privateAccount", PrivateAccount),
        M(308, "publicSpotKline", PublicSpotKline),
        M(309, "publicMiniTicker", PublicMiniTicker),
        M(310, "publicMiniTickers", PublicMiniTickers),
        M(311, "publicBookTickerBatch", PublicBookTickerBatch),
        M(312, "publicIncreaseDepthsBatch", PublicIncreaseDepthsBatch),
        M(313, "publicAggreDepths", PublicAggreDepths),
        M(314, "publicAggreDeals", PublicAggreDeals),
        M(315, "publicAggreBookTicker", PublicAggreBookTicker),
        S(3, "symbol"),
        S(4, "symbolId"),
        I64(5, "createTime"),
        I64(6, "sendTime"));
}
