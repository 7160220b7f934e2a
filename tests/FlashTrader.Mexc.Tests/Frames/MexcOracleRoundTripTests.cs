using System.Globalization;
using System.Text;
using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Protobuf;
using FlashTrader.Mexc.Tests.Oracle;
using FlashTrader.Mexc.Tests.TestData;
using Body = FlashTrader.Mexc.Tests.Oracle.PushDataV3ApiWrapper.BodyOneofCase;

namespace FlashTrader.Mexc.Tests.Frames;

/// <summary>Thousands of randomized frames checked field by field against Google.Protobuf's generated parser.</summary>
public class MexcOracleRoundTripTests
{
    private const int Frames = 3000;
    private const long LocalNs = 42;
    private static readonly SymbolTable Symbols = new(RandomFrames.Configured);

    [Fact]
    public void The_json_view_shows_every_field_the_oracle_parses_and_nothing_else()
    {
        var frames = new RandomFrames(seed: 1);
        for (int i = 0; i < Frames; i++)
        {
            RandomFrame frame = frames.Next();

            using JsonDocument json = JsonDocument.Parse(MexcFrameJson.ToJson(frame.Bytes));

            OracleJson.AssertSame(json.RootElement, frame.Oracle, $"frame {i}");
        }
    }

    [Fact]
    public void The_decoder_emits_exactly_what_the_oracle_message_says()
    {
        var frames = new RandomFrames(seed: 2);
        var statuses = new Dictionary<MexcDecodeStatus, int>();
        var decoder = new MexcPushDecoder(Symbols, new DepthLevelsPool(4));
        for (int i = 0; i < Frames; i++)
        {
            RandomFrame frame = frames.Next();
            var sink = new RecordingSink();

            MexcDecodeResult result = decoder.Decode(frame.Bytes, LocalNs, ref sink);

            Expected expected = Expect(frame.Oracle);
            string because = $"frame {i} ({frame.Oracle.BodyCase}): {result.Describe()}";
            (result.Status, result.Error).Should().Be((expected.Status, expected.Error), because);
            statuses[result.Status] = statuses.GetValueOrDefault(result.Status) + 1;
            if (result.Status != MexcDecodeStatus.Decoded)
            {
                sink.Count.Should().Be(0, because);
                continue;
            }

            sink.Events.Select(Describe).Should().Equal(expected.Events.Select(Describe), because);
            sink.Depths.Select(d => (Levels(d.Bids), Levels(d.Asks))).Should().Equal(expected.Depths.Select(d => (Levels(d.Bids), Levels(d.Asks))), because);
            sink.Orders.Should().Equal(expected.Orders, because);
            sink.Deals.Should().Equal(expected.Deals, because);
            sink.Accounts.Should().Equal(expected.Accounts, because);
        }

        // The generator reaches every outcome, so none of the branches above is vacuous.
        statuses.Keys.Order().Should().Equal(Enum.GetValues<MexcDecodeStatus>());
        statuses[MexcDecodeStatus.Decoded].Should().BeGreaterThan(Frames / 2);
    }

    private static string Levels(PriceLevel[] levels) => string.Join(' ', levels.Select(l => $"{l.Price}x{l.Quantity}"));

    private static string Describe(MarketEvent e) =>
        $"{e.Kind} s{e.SymbolId} x{e.ExchangeTimeNs} l{e.LocalTimeNs} {e.Side} a{e.Price} b{e.Quantity} c{e.AskPrice} d{e.AskQuantity} e{e.Volume} f{e.QuoteVolume} x{e.FirstUpdateId} y{e.LastUpdateId}";

    private sealed record Expected(MexcDecodeStatus Status, ProtoError Error)
    {
        public List<MarketEvent> Events { get; } = [];

        public List<(PriceLevel[] Bids, PriceLevel[] Asks)> Depths { get; } = [];

        public List<PrivateOrderUpdate> Orders { get; } = [];

        public List<PrivateDeal> Deals { get; } = [];

        public List<PrivateAccountUpdate> Accounts { get; } = [];
    }

    /// <summary>The behaviour the decoder documents, computed from the oracle's parse with independent arithmetic.</summary>
    private static Expected Expect(PushDataV3ApiWrapper w)
    {
        long stampMs = w.SendTime != 0 ? w.SendTime : w.CreateTime;
        if (!MsToNs(stampMs, out long frameNs))
        {
            return new Expected(MexcDecodeStatus.Malformed, ProtoError.TimestampOutOfRange);
        }

        switch (w.BodyCase)
        {
            case Body.None:
                return new Expected(MexcDecodeStatus.NoBody, ProtoError.None);
            case Body.PublicIncreaseDepths or Body.PublicIncreaseDepthsBatch or Body.PublicMiniTicker or Body.PublicMiniTickers:
                return new Expected(MexcDecodeStatus.UnsupportedBody, ProtoError.None);
            case Body.PrivateAccount:
                return Account(w.PrivateAccount, frameNs);
        }

        int symbolId = SymbolOf(w);
        if (symbolId < 0)
        {
            return new Expected(MexcDecodeStatus.UnknownSymbol, ProtoError.None);
        }

        var ok = new Expected(MexcDecodeStatus.Decoded, ProtoError.None);
        switch (w.BodyCase)
        {
            case Body.PublicAggreDepths:
                PublicAggreDepthsV3Api d = w.PublicAggreDepths;
                ok.Events.Add(MarketEvent.DepthDiff(symbolId, frameNs, LocalNs, Integer(d.FromVersion), Integer(d.ToVersion), new DepthLevels()));
                ok.Depths.Add((d.Bids.Select(l => new PriceLevel(Dec(l.Price), Dec(l.Quantity))).ToArray(), d.Asks.Select(l => new PriceLevel(Dec(l.Price), Dec(l.Quantity))).ToArray()));
                return ok;
            case Body.PublicLimitDepths:
                PublicLimitDepthsV3Api s = w.PublicLimitDepths;
                ok.Events.Add(MarketEvent.DepthSnapshot(symbolId, frameNs, LocalNs, Integer(s.Version), new DepthLevels()));
                ok.Depths.Add((s.Bids.Select(l => new PriceLevel(Dec(l.Price), Dec(l.Quantity))).ToArray(), s.Asks.Select(l => new PriceLevel(Dec(l.Price), Dec(l.Quantity))).ToArray()));
                return ok;
            case Body.PublicAggreDeals or Body.PublicDeals:
                var deals = w.BodyCase == Body.PublicDeals
                    ? w.PublicDeals.Deals.Select(x => (x.Price, x.Quantity, x.TradeType, x.Time, TradeId: string.Empty))
                    : w.PublicAggreDeals.Deals.Select(x => (x.Price, x.Quantity, x.TradeType, x.Time, x.TradeId));
                foreach ((string price, string quantity, int type, long time, string id) in deals)
                {
                    long ns = frameNs;
                    if (time != 0 && !MsToNs(time, out ns))
                    {
                        return new Expected(MexcDecodeStatus.Malformed, ProtoError.TimestampOutOfRange);
                    }

                    ok.Events.Add(MarketEvent.Trade(symbolId, ns, LocalNs, Dec(price), Dec(quantity), SideOf(type), ExpectedTradeId(id)));
                }

                return ok;
            case Body.PublicAggreBookTicker:
                PublicAggreBookTickerV3Api t = w.PublicAggreBookTicker;
                ok.Events.Add(MarketEvent.BookTicker(symbolId, frameNs, LocalNs, Dec(t.BidPrice), Dec(t.BidQuantity), Dec(t.AskPrice), Dec(t.AskQuantity), Integer(t.Version)));
                return ok;
            case Body.PublicBookTicker:
                PublicBookTickerV3Api b = w.PublicBookTicker;
                ok.Events.Add(MarketEvent.BookTicker(symbolId, frameNs, LocalNs, Dec(b.BidPrice), Dec(b.BidQuantity), Dec(b.AskPrice), Dec(b.AskQuantity), 0));
                return ok;
            case Body.PublicBookTickerBatch:
                PublicBookTickerBatchV3Api batch = w.PublicBookTickerBatch;
                ok.Events.AddRange(batch.Items.Select(q => MarketEvent.BookTicker(symbolId, frameNs, LocalNs, Dec(q.BidPrice), Dec(q.BidQuantity), Dec(q.AskPrice), Dec(q.AskQuantity), Integer(batch.Version))));
                return ok;
            case Body.PublicSpotKline:
                PublicSpotKlineV3Api k = w.PublicSpotKline;
                long? seconds = k.Interval switch
                {
                    "Min1" => 60,
                    "Min5" => 300,
                    "Min15" => 900,
                    "Min30" => 1800,
                    "Min60" => 3600,
                    "Hour4" => 4 * 3600,
                    "Hour8" => 8 * 3600,
                    "Day1" => 86400,
                    "Week1" => 7 * 86400,
                    "Month1" => k.WindowEnd > k.WindowStart ? k.WindowEnd - k.WindowStart : 30 * 86400,
                    _ => null,
                };
                if (seconds is null)
                {
                    return new Expected(MexcDecodeStatus.Malformed, ProtoError.UnknownInterval);
                }

                if (Math.Abs((decimal)k.WindowStart) * 1_000_000_000m > long.MaxValue)
                {
                    return new Expected(MexcDecodeStatus.Malformed, ProtoError.TimestampOutOfRange);
                }

                ok.Events.Add(MarketEvent.Kline(symbolId, frameNs, LocalNs, k.WindowStart * 1_000_000_000, seconds.Value, Dec(k.OpeningPrice),
                    Dec(k.HighestPrice), Dec(k.LowestPrice), Dec(k.ClosingPrice), Dec(k.Volume), Dec(k.Amount)));
                return ok;
            case Body.PrivateOrders:
                PrivateOrdersV3Api o = w.PrivateOrders;
                if (!MsToNs(o.CreateTime, out long created))
                {
                    return new Expected(MexcDecodeStatus.Malformed, ProtoError.TimestampOutOfRange);
                }

                ok.Orders.Add(new PrivateOrderUpdate
                {
                    SymbolId = symbolId,
                    OrderId = o.Id,
                    ClientOrderId = o.ClientId,
                    Price = Dec(o.Price),
                    Quantity = Dec(o.Quantity),
                    Amount = Dec(o.Amount),
                    AveragePrice = Dec(o.AvgPrice),
                    OrderType = (MexcOrderType)o.OrderType,
                    Side = SideOf(o.TradeType),
                    IsMaker = o.IsMaker,
                    RemainingAmount = Dec(o.RemainAmount),
                    RemainingQuantity = Dec(o.RemainQuantity),
                    LastDealQuantity = Dec(o.LastDealQuantity),
                    CumulativeQuantity = Dec(o.CumulativeQuantity),
                    CumulativeAmount = Dec(o.CumulativeAmount),
                    Status = (MexcOrderStatus)o.Status,
                    CreateTimeNs = created,
                    ExchangeTimeNs = frameNs,
                    LocalTimeNs = LocalNs,
                });
                return ok;
            default:
                PrivateDealsV3Api p = w.PrivateDeals;
                if (!MsToNs(p.Time, out long dealNs))
                {
                    return new Expected(MexcDecodeStatus.Malformed, ProtoError.TimestampOutOfRange);
                }

                ok.Deals.Add(new PrivateDeal
                {
                    SymbolId = symbolId,
                    Price = Dec(p.Price),
                    Quantity = Dec(p.Quantity),
                    Amount = Dec(p.Amount),
                    Side = SideOf(p.TradeType),
                    IsMaker = p.IsMaker,
                    IsSelfTrade = p.IsSelfTrade,
                    TradeId = p.TradeId,
                    ClientOrderId = p.ClientOrderId,
                    OrderId = p.OrderId,
                    FeeAmount = Dec(p.FeeAmount),
                    FeeAsset = p.FeeCurrency,
                    TradeTimeNs = dealNs,
                    ExchangeTimeNs = frameNs,
                    LocalTimeNs = LocalNs,
                });
                return ok;
        }
    }

    private static Expected Account(PrivateAccountV3Api a, long frameNs)
    {
        if (!MsToNs(a.Time, out long ns))
        {
            return new Expected(MexcDecodeStatus.Malformed, ProtoError.TimestampOutOfRange);
        }

        var ok = new Expected(MexcDecodeStatus.Decoded, ProtoError.None);
        ok.Accounts.Add(new PrivateAccountUpdate
        {
            Asset = a.VcoinName,
            CoinId = a.CoinId,
            Balance = Dec(a.BalanceAmount),
            BalanceChange = Dec(a.BalanceAmountChange),
            Frozen = Dec(a.FrozenAmount),
            FrozenChange = Dec(a.FrozenAmountChange),
            ChangeType = a.Type,
            ChangeTimeNs = ns,
            ExchangeTimeNs = frameNs,
            LocalTimeNs = LocalNs,
        });
        return ok;
    }

    private static int SymbolOf(PushDataV3ApiWrapper w)
    {
        if (w.Symbol.Length > 0)
        {
            return Array.IndexOf(RandomFrames.Configured, w.Symbol);
        }

        string[] segments = w.Channel.Split('@');
        for (int i = segments.Length - 1; i >= Math.Max(1, segments.Length - 2); i--)
        {
            int id = Array.IndexOf(RandomFrames.Configured, segments[i]);
            if (id >= 0)
            {
                return id;
            }
        }

        return -1;
    }

    private static bool MsToNs(long ms, out long ns)
    {
        decimal product = (decimal)ms * 1_000_000m;
        bool fits = product is <= long.MaxValue and >= -long.MaxValue;
        ns = fits ? (long)product : 0;
        return fits;
    }

    private static Fixed8 Dec(string text) => text.Length == 0 ? Fixed8.Zero : Fixed8.FromDecimal(decimal.Parse(text, CultureInfo.InvariantCulture));

    private static long Integer(string text) => text.Length == 0 ? 0 : long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The leading integer when there is one that fits; otherwise the decoder's documented hash (0 for none).</summary>
    private static long ExpectedTradeId(string id)
    {
        int digits = id.TakeWhile(char.IsAsciiDigit).Count();
        return digits > 0 && long.TryParse(id.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out long leading)
            ? leading
            : WireText.TradeIdOf(Encoding.UTF8.GetBytes(id));
    }

    private static Side SideOf(int tradeType) => tradeType == 1 ? Side.Buy : tradeType == 2 ? Side.Sell : Side.None;

    [Fact]
    public void Trade_ids_follow_the_leading_integer_rule_on_random_frames()
    {
        var frames = new RandomFrames(seed: 3);
        var decoder = new MexcPushDecoder(Symbols, new DepthLevelsPool(4));
        int checkedIds = 0;
        for (int i = 0; i < Frames; i++)
        {
            RandomFrame frame = frames.Next();
            if (frame.Oracle.BodyCase != Body.PublicAggreDeals)
            {
                continue;
            }

            var sink = new RecordingSink();
            if (decoder.Decode(frame.Bytes, LocalNs, ref sink).Status != MexcDecodeStatus.Decoded)
            {
                continue;
            }

            for (int k = 0; k < sink.Events.Count; k++)
            {
                string id = frame.Oracle.PublicAggreDeals.Deals[k].TradeId;
                int digits = id.TakeWhile(char.IsAsciiDigit).Count();
                if (digits > 0 && long.TryParse(id.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out long leading))
                {
                    sink.Events[k].TradeId.Should().Be(leading);
                    checkedIds++;
                }
                else
                {
                    sink.Events[k].TradeId.Should().Be(WireText.TradeIdOf(Encoding.UTF8.GetBytes(id))).And.BeGreaterThanOrEqualTo(0);
                    if (id.Length == 0)
                    {
                        sink.Events[k].TradeId.Should().Be(0);
                    }
                }
            }
        }

        checkedIds.Should().BeGreaterThan(100);
    }
}
