using System.Globalization;
using System.Text;
using FlashTrader.Mexc.Tests.Oracle;
using Google.Protobuf;

namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>A randomized frame: its wire bytes (with unknown fields injected) and what Google.Protobuf parses from them.</summary>
public sealed record RandomFrame(byte[] Bytes, PushDataV3ApiWrapper Oracle);

/// <summary>
/// Seeded random PushDataV3ApiWrapper frames covering every body: empty and absent fields, long repeated lists,
/// extreme int64 values, long (non-ASCII) strings, and unknown fields of every wire type at the top level and in the body.
/// </summary>
public sealed class RandomFrames(int seed)
{
    public static readonly string[] Configured = ["BTCUSDC", "ETHUSDC"];
    private static readonly string[] Intervals = ["Min1", "Min5", "Min15", "Min30", "Min60", "Hour4", "Hour8", "Day1", "Week1", "Month1"];
    private readonly Random _random = new(seed);

    public RandomFrame Next()
    {
        var w = new PushDataV3ApiWrapper();
        string symbol = Pick(["BTCUSDC", "BTCUSDC", "ETHUSDC", "XRPUSDT", string.Empty, string.Empty]);
        string channelSymbol = symbol.Length > 0 ? symbol : Pick(Configured);
        int body = Pick([0, 301, 302, 303, 303, 304, 305, 306, 307, 308, 308, 309, 310, 311, 312, 313, 313, 313, 314, 314, 314, 315, 315]);
        w.Channel = body == 308 ? $"spot@public.kline.v3.api.pb@{channelSymbol}@Min1"
            : body == 303 ? $"spot@public.limit.depth.v3.api.pb@{channelSymbol}@20"
            : Chance(0.05) ? LongText() : $"spot@public.body{body}.v3.api.pb@100ms@{channelSymbol}";
        w.Symbol = symbol;
        w.SymbolId = Chance(0.3) ? Guid.NewGuid().ToString("N") : string.Empty;
        w.CreateTime = Chance(0.5) ? Time() : 0;
        w.SendTime = Chance(0.7) ? Time() : 0;
        switch (body)
        {
            case 301: w.PublicDeals = Deals301(); break;
            case 302: w.PublicIncreaseDepths = IncreaseDepths(); break;
            case 303: w.PublicLimitDepths = LimitDepths(); break;
            case 304: w.PrivateOrders = Order(); break;
            case 305: w.PublicBookTicker = Ticker(); break;
            case 306: w.PrivateDeals = PrivateDeal(); break;
            case 307: w.PrivateAccount = Account(); break;
            case 308: w.PublicSpotKline = Kline(); break;
            case 309: w.PublicMiniTicker = MiniTicker(); break;
            case 310: w.PublicMiniTickers = new PublicMiniTickersV3Api { Items = { Many(MiniTicker) } }; break;
            case 311: w.PublicBookTickerBatch = new PublicBookTickerBatchV3Api { Items = { Many(Ticker) }, Version = Version(), LastOrderCreateTime = Time() }; break;
            case 312: w.PublicIncreaseDepthsBatch = new PublicIncreaseDepthsBatchV3Api { Items = { Many(IncreaseDepths) }, EventType = Text() }; break;
            case 313: w.PublicAggreDepths = AggreDepths(); break;
            case 314: w.PublicAggreDeals = AggreDeals(); break;
            case 315: w.PublicAggreBookTicker = AggreTicker(); break;
        }

        byte[] bytes = InjectUnknownFields(w);
        return new RandomFrame(bytes, PushDataV3ApiWrapper.Parser.ParseFrom(bytes));
    }

    /// <summary>A decimal string as MEXC writes them (sometimes with trailing zeros), or empty (absent).</summary>
    public string Decimal()
    {
        if (Chance(0.05))
        {
            return string.Empty;
        }

        long raw = _random.Next(6) switch
        {
            0 => 0,
            1 => long.MaxValue,
            2 => _random.NextInt64(1, 100_000_000),
            _ => _random.NextInt64(0, 10_000_000_000_000),
        };
        string text = (raw / 100_000_000m).ToString("0.########", CultureInfo.InvariantCulture);
        if (Chance(0.3))
        {
            text += (text.Contains('.', StringComparison.Ordinal) ? string.Empty : ".") + new string('0', _random.Next(1, 4));
        }

        return text;
    }

    public string Version() => Chance(0.1) ? string.Empty : (Chance(0.1) ? long.MaxValue : _random.NextInt64(0, 100_000_000_000)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Milliseconds: mostly 2020s, sometimes 0 or the int64 extremes.</summary>
    public long Time() => _random.Next(10) switch
    {
        0 => 0,
        1 => Pick([long.MinValue, long.MaxValue, -1L, 1L]),
        _ => _random.NextInt64(1_600_000_000_000, 1_900_000_000_000),
    };

    private string Text() => Chance(0.1) ? string.Empty : Chance(0.05) ? LongText() : $"id-{_random.Next()}X0_é";

    private string LongText()
    {
        var sb = new StringBuilder();
        int length = _random.Next(200, 3000);
        while (sb.Length < length)
        {
            sb.Append(Pick(["a", "Z", "9", "@", "é", "中", "\"", "\\", "\n", "😀"]));
        }

        return sb.ToString();
    }

    private IEnumerable<T> Many<T>(Func<T> make)
    {
        int count = _random.Next(10) switch
        {
            0 => 0,
            1 => _random.Next(100, 600),
            _ => _random.Next(1, 25),
        };
        return Enumerable.Range(0, count).Select(_ => make()).ToList();
    }

    private PublicDealsV3Api Deals301() => new() { Deals = { Many(() => new PublicDealsV3ApiItem { Price = Decimal(), Quantity = Decimal(), TradeType = TradeType(), Time = Time() }) }, EventType = Text() };

    private PublicAggreDealsV3Api AggreDeals() => new()
    {
        Deals = { Many(() => new PublicAggreDealsV3ApiItem { Price = Decimal(), Quantity = Decimal(), TradeType = TradeType(), Time = Time(), TradeId = TradeId() }) },
        EventType = Text(),
    };

    private string TradeId() => _random.Next(4) switch
    {
        0 => string.Empty,
        1 => Text(),
        _ => $"{_random.NextInt64(0, long.MaxValue)}X0_{_random.NextInt64()}X0",
    };

    private int TradeType() => Pick([1, 1, 2, 2, 0, 3, -1]);

    private PublicIncreaseDepthsV3Api IncreaseDepths() => new()
    {
        Asks = { Many(() => new PublicIncreaseDepthV3ApiItem { Price = Decimal(), Quantity = Decimal() }) },
        Bids = { Many(() => new PublicIncreaseDepthV3ApiItem { Price = Decimal(), Quantity = Decimal() }) },
        EventType = Text(),
        Version = Version(),
    };

    private PublicLimitDepthsV3Api LimitDepths() => new()
    {
        Asks = { Many(() => new PublicLimitDepthV3ApiItem { Price = Decimal(), Quantity = Decimal() }) },
        Bids = { Many(() => new PublicLimitDepthV3ApiItem { Price = Decimal(), Quantity = Decimal() }) },
        EventType = Text(),
        Version = Version(),
        LastOrderCreateTime = Time(),
    };

    private PublicAggreDepthsV3Api AggreDepths() => new()
    {
        Asks = { Many(() => new PublicAggreDepthV3ApiItem { Price = Decimal(), Quantity = Decimal() }) },
        Bids = { Many(() => new PublicAggreDepthV3ApiItem { Price = Decimal(), Quantity = Decimal() }) },
        EventType = Text(),
        FromVersion = Version(),
        ToVersion = Version(),
        LastOrderCreateTime = Time(),
    };

    private PublicBookTickerV3Api Ticker() => new() { BidPrice = Decimal(), BidQuantity = Decimal(), AskPrice = Decimal(), AskQuantity = Decimal() };

    private PublicAggreBookTickerV3Api AggreTicker() => new()
    {
        BidPrice = Decimal(),
        BidQuantity = Decimal(),
        AskPrice = Decimal(),
        AskQuantity = Decimal(),
        Version = Version(),
        LastOrderCreateTime = Time(),
    };

    private PublicSpotKlineV3Api Kline()
    {
        long start = _random.Next(10) == 0 ? Pick([long.MaxValue, long.MinValue, 0L]) : _random.NextInt64(1_600_000_000, 1_900_000_000);
        return new PublicSpotKlineV3Api
        {
            Interval = Chance(0.05) ? Pick(["Min2", "1m", string.Empty]) : Pick(Intervals),
            WindowStart = start,
            OpeningPrice = Decimal(),
            ClosingPrice = Decimal(),
            HighestPrice = Decimal(),
            LowestPrice = Decimal(),
            Volume = Decimal(),
            Amount = Decimal(),
            WindowEnd = Chance(0.2) ? 0 : start + _random.Next(60, 3_000_000),
        };
    }

    private PublicMiniTickerV3Api MiniTicker() => new()
    {
        Symbol = Text(),
        Price = Decimal(),
        Rate = Decimal(),
        ZonedRate = Decimal(),
        High = Decimal(),
        Low = Decimal(),
        Volume = Decimal(),
        Quantity = Decimal(),
        LastCloseRate = Decimal(),
        LastCloseZonedRate = Decimal(),
        LastCloseHigh = Decimal(),
        LastCloseLow = Decimal(),
    };

    private PrivateOrdersV3Api Order() => new()
    {
        Id = Text(),
        ClientId = Text(),
        Price = Decimal(),
        Quantity = Decimal(),
        Amount = Decimal(),
        AvgPrice = Decimal(),
        OrderType = Pick([1, 2, 3, 4, 5, 100, 0]),
        TradeType = TradeType(),
        IsMaker = Chance(0.5),
        RemainAmount = Decimal(),
        RemainQuantity = Decimal(),
        LastDealQuantity = Decimal(),
        CumulativeQuantity = Decimal(),
        CumulativeAmount = Decimal(),
        Status = Pick([1, 2, 3, 4, 5, 0]),
        CreateTime = Time(),
        Market = Text(),
        TriggerType = _random.Next(3),
        TriggerPrice = Decimal(),
        State = _random.Next(3),
        OcoId = Text(),
        RouteFactor = Text(),
        SymbolId = Text(),
        MarketId = Text(),
        MarketCurrencyId = Text(),
        CurrencyId = Text(),
    };

    private PrivateDealsV3Api PrivateDeal() => new()
    {
        Price = Decimal(),
        Quantity = Decimal(),
        Amount = Decimal(),
        TradeType = TradeType(),
        IsMaker = Chance(0.5),
        IsSelfTrade = Chance(0.1),
        TradeId = Text(),
        ClientOrderId = Text(),
        OrderId = Text(),
        FeeAmount = Decimal(),
        FeeCurrency = Text(),
        Time = Time(),
    };

    private PrivateAccountV3Api Account() => new()
    {
        VcoinName = Pick(["USDC", "BTC", "ETH"]),
        CoinId = Text(),
        BalanceAmount = Decimal(),
        BalanceAmountChange = Decimal(),
        FrozenAmount = Decimal(),
        FrozenAmountChange = Decimal(),
        Type = Text(),
        Time = Time(),
    };

    /// <summary>Re-frames the wrapper with unknown fields (every wire type) before, after and inside the body.</summary>
    private byte[] InjectUnknownFields(PushDataV3ApiWrapper w)
    {
        IMessage? body = w.BodyCase == PushDataV3ApiWrapper.BodyOneofCase.None
            ? null
            : (IMessage)PushDataV3ApiWrapper.Descriptor.FindFieldByNumber((int)w.BodyCase).Accessor.GetValue(w);
        var envelope = w.Clone();
        envelope.ClearBody();
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        WriteUnknown(output, [2, 7, 300, 316, 5000]);
        envelope.WriteTo(output);
        if (body is not null)
        {
            using var inner = new MemoryStream();
            var innerOutput = new CodedOutputStream(inner);
            WriteUnknown(innerOutput, [30, 31, 99, 12345]);
            body.WriteTo(innerOutput);
            WriteUnknown(innerOutput, [30, 31, 99, 12345]);
            innerOutput.Flush();
            output.WriteTag((int)w.BodyCase, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(inner.ToArray()));
        }

        WriteUnknown(output, [2, 7, 300, 316, 5000]);
        output.Flush();
        return stream.ToArray();
    }

    private void WriteUnknown(CodedOutputStream output, int[] numbers)
    {
        int count = _random.Next(3);
        for (int i = 0; i < count; i++)
        {
            int number = Pick(numbers);
            switch (_random.Next(4))
            {
                case 0: output.WriteTag(number, WireFormat.WireType.Varint); output.WriteInt64(_random.NextInt64(long.MinValue, long.MaxValue)); break;
                case 1: output.WriteTag(number, WireFormat.WireType.Fixed64); output.WriteFixed64((ulong)_random.NextInt64()); break;
                case 2: output.WriteTag(number, WireFormat.WireType.LengthDelimited); output.WriteString(Text()); break;
                default: output.WriteTag(number, WireFormat.WireType.Fixed32); output.WriteFixed32((uint)_random.Next()); break;
            }
        }
    }

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
