using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Protobuf;
using FlashTrader.Mexc.Tests.TestData;

namespace FlashTrader.Mexc.Tests.Frames;

public class MexcPushDecoderTests
{
    private const long LocalNs = 1_790_000_000_123_456_789;
    private static readonly SymbolTable Symbols = new(["BTCUSDT", "HYPEUSDT"]);

    private static (MexcDecodeResult Result, RecordingSink Sink, MexcPushDecoder Decoder) Decode(byte[] frame, SymbolTable? symbols = null)
    {
        var decoder = new MexcPushDecoder(symbols ?? Symbols, new DepthLevelsPool(8));
        var sink = new RecordingSink();
        MexcDecodeResult result = decoder.Decode(frame, LocalNs, ref sink);
        return (result, sink, decoder);
    }

    private static Fixed8 F(string text) => Fixed8.Parse(text);

    [Theory]
    [MemberData(nameof(CapturedFrames.Names), MemberType = typeof(CapturedFrames))]
    public void Every_captured_frame_decodes_to_the_values_of_its_field_walk(string name)
    {
        CapturedFrame frame = CapturedFrames.Named(name);
        (MexcDecodeResult result, RecordingSink sink, _) = Decode(frame.Bytes);

        result.Status.Should().Be(MexcDecodeStatus.Decoded, result.Describe());
        WalkField root = frame.Root;
        WalkField body = root.Children.Single(c => c.Number > 300);
        result.Body.Should().Be((MexcBody)body.Number);
        int symbolId = Symbols.TryGetId(System.Text.Encoding.UTF8.GetBytes(root.One(3)!.Value!), out int id) ? id : -1;
        long frameNs = (root.One(6) ?? root.One(5))!.Varint * 1_000_000;

        switch (body.Number)
        {
            case 313 or 303:
                MarketEvent depth = sink.Events.Should().ContainSingle().Subject;
                depth.Kind.Should().Be(body.Number == 313 ? MarketEventKind.DepthDiff : MarketEventKind.DepthSnapshot);
                (depth.SymbolId, depth.ExchangeTimeNs, depth.LocalTimeNs).Should().Be((symbolId, frameNs, LocalNs));
                depth.LastUpdateId.Should().Be(long.Parse(body.One(body.Number == 313 ? 5 : 4)!.Value!, System.Globalization.CultureInfo.InvariantCulture));
                sink.Depths[0].Asks.Should().Equal(body.All(1).Select(Level));
                sink.Depths[0].Bids.Should().Equal(body.All(2).Select(Level));
                break;
            case 314:
                sink.Events.Should().Equal(body.All(1).Select(d => MarketEvent.Trade(
                    symbolId, d.One(4)!.Varint * 1_000_000, LocalNs, F(d.One(1)!.Value!), F(d.One(2)!.Value!),
                    d.One(3)!.Varint == 1 ? Side.Buy : Side.Sell, long.Parse(d.One(5)!.Value!.Split('X')[0], System.Globalization.CultureInfo.InvariantCulture))),
                    (a, e) => Same(a, e));
                break;
            case 315:
                MarketEvent quote = sink.Events.Should().ContainSingle().Subject;
                Same(quote, MarketEvent.BookTicker(symbolId, frameNs, LocalNs, F(body.One(1)!.Value!), F(body.One(2)!.Value!),
                    F(body.One(3)!.Value!), F(body.One(4)!.Value!), long.Parse(body.One(5)!.Value!, System.Globalization.CultureInfo.InvariantCulture))).Should().BeTrue();
                break;
            case 308:
                MarketEvent bar = sink.Events.Should().ContainSingle().Subject;
                body.One(1)!.Value.Should().Be("Min1");
                Same(bar, MarketEvent.Kline(symbolId, frameNs, LocalNs, body.One(2)!.Varint * 1_000_000_000, 60,
                    open: F(body.One(3)!.Value!), high: F(body.One(5)!.Value!), low: F(body.One(6)!.Value!), close: F(body.One(4)!.Value!),
                    volume: F(body.One(7)!.Value!), quoteVolume: F(body.One(8)!.Value!))).Should().BeTrue();
                (body.One(9)!.Varint - body.One(2)!.Varint).Should().Be(bar.IntervalSeconds);
                break;
            default:
                throw new InvalidOperationException($"no expectation for body {body.Number}");
        }

        static PriceLevel Level(WalkField item) => new(F(item.One(1)!.Value!), F(item.One(2)!.Value!));
    }

    /// <summary>MarketEvent has no equality of its own: compare every field the kind uses.</summary>
    private static bool Same(MarketEvent a, MarketEvent e) =>
        a.Kind == e.Kind && a.SymbolId == e.SymbolId && a.ExchangeTimeNs == e.ExchangeTimeNs && a.LocalTimeNs == e.LocalTimeNs
        && a.Side == e.Side && a.Price == e.Price && a.Quantity == e.Quantity && a.AskPrice == e.AskPrice && a.AskQuantity == e.AskQuantity
        && a.Volume == e.Volume && a.QuoteVolume == e.QuoteVolume && a.FirstUpdateId == e.FirstUpdateId && a.LastUpdateId == e.LastUpdateId;

    [Fact]
    public void Aggre_deals_become_one_trade_per_deal_with_aggressor_id_and_deal_time()
    {
        (MexcDecodeResult result, RecordingSink sink, _) = Decode(CapturedFrames.Named("public Rust test").Bytes);

        result.EventCount.Should().Be(2);
        sink.Events.Select(e => (e.Kind, e.SymbolId, e.Price, e.Quantity, e.Side, e.TradeId, e.ExchangeTimeNs, e.LocalTimeNs)).Should().Equal(
            (MarketEventKind.Trade, 0, F("65219.38"), F("0.14191302"), Side.Sell, 710342948650209280L, 1785141192354_000_000L, LocalNs),
            (MarketEventKind.Trade, 0, F("65219.38"), F("0.14340664"), Side.Buy, 710342948662792192L, 1785141192357_000_000L, LocalNs));
    }

    [Fact]
    public void Limit_depth_becomes_a_snapshot_with_its_version_and_both_sides_in_order()
    {
        (_, RecordingSink sink, _) = Decode(CapturedFrames.Named("limit.depth 5 BTCUSDT").Bytes);

        MarketEvent e = sink.Events.Single();
        (e.Kind, e.FirstUpdateId, e.LastUpdateId, e.ExchangeTimeNs).Should().Be((MarketEventKind.DepthSnapshot, 82164155643L, 82164155643L, 1790281247251_000_000L));
        sink.Depths[0].Asks.Should().HaveCount(5).And.StartWith(new PriceLevel(F("84270.01"), F("5.42169969")));
        sink.Depths[0].Bids.Should().Equal(
            new PriceLevel(F("84270"), F("0.006387")), new PriceLevel(F("84267.03"), F("0.002348")), new PriceLevel(F("84264.15"), F("0.04789506")),
            new PriceLevel(F("84263.45"), F("0.04789506")), new PriceLevel(F("84263.4"), F("2.078531")));
    }

    [Fact]
    public void Limit_depth_20_of_a_second_symbol_resolves_its_id()
    {
        (_, RecordingSink sink, _) = Decode(CapturedFrames.Named("limit.depth 20 HYPEUSDT").Bytes);

        MarketEvent e = sink.Events.Single();
        e.SymbolId.Should().Be(1);
        (sink.Depths[0].Asks.Length, sink.Depths[0].Bids.Length).Should().Be((20, 20));
        sink.Depths[0].Bids[^1].Should().Be(new PriceLevel(F("72.08"), F("2.02")));
        e.LastUpdateId.Should().Be(1320043373);
    }

    [Fact]
    public void Aggre_book_ticker_carries_the_version_as_update_id()
    {
        (_, RecordingSink sink, _) = Decode(CapturedFrames.Named("latency-probe").Bytes);

        MarketEvent e = sink.Events.Single();
        (e.Kind, e.BidPrice, e.BidQuantity, e.AskPrice, e.AskQuantity, e.UpdateId, e.ExchangeTimeNs).Should().Be(
            (MarketEventKind.BookTicker, F("86503.92"), F("14.91335308"), F("86503.93"), F("0.004965"), 81999275445L, 1790145447239_000_000L));
    }

    [Fact]
    public void Kline_puts_close_after_open_takes_seconds_window_and_create_time()
    {
        (_, RecordingSink sink, _) = Decode(CapturedFrames.Named("Java client test").Bytes);

        MarketEvent e = sink.Events.Single();
        (e.Kind, e.Open, e.High, e.Low, e.Close, e.Volume, e.QuoteVolume).Should().Be(
            (MarketEventKind.Kline, F("83958.21"), F("83961.21"), F("83955.09"), F("83961.21"), F("0.35388633"), F("29711.41")));
        (e.OpenTimeNs, e.IntervalSeconds, e.ExchangeTimeNs).Should().Be((1790356740_000_000_000L, 60L, 1790356766179_000_000L));
    }

    [Fact]
    public void Without_a_symbol_field_the_channel_names_the_symbol_even_when_it_ends_in_the_interval()
    {
        // The kline frame minus its symbol field (3): 1a 07 "BTCUSDT" sits right after the 42-byte channel field.
        byte[] frame = CapturedFrames.Named("Java client test").Bytes;
        byte[] withoutSymbol = [.. frame[..42], .. frame[51..]];

        (MexcDecodeResult result, RecordingSink sink, _) = Decode(withoutSymbol, new SymbolTable(["ETHUSDT", "BTCUSDT"]));

        result.Status.Should().Be(MexcDecodeStatus.Decoded);
        sink.Events.Single().SymbolId.Should().Be(1);
    }

    [Fact]
    public void Unknown_symbols_are_counted_and_skipped()
    {
        (MexcDecodeResult result, RecordingSink sink, MexcPushDecoder decoder) = Decode(CapturedFrames.Named("limit.depth 20 HYPEUSDT").Bytes, new SymbolTable(["BTCUSDT"]));

        result.Status.Should().Be(MexcDecodeStatus.UnknownSymbol);
        sink.Count.Should().Be(0);
        (decoder.UnknownSymbolFrames, decoder.DecodedFrames).Should().Be((1, 0));
    }

    [Theory]
    [InlineData("0801", ProtoError.WrongWireType, 0)] // channel sent as a varint
    [InlineData("0a03616263" + "0b", ProtoError.GroupNotSupported, 5)]
    [InlineData("0e00", ProtoError.InvalidWireType, 0)]
    [InlineData("28ffffffffffffffffff7f", ProtoError.VarintTooLong, 1)]
    [InlineData("0a05616263", ProtoError.LengthBeyondFrame, 1)]
    [InlineData("30ffffffffffffffff7f", ProtoError.TimestampOutOfRange, 0)] // sendTime beyond year 2262 in ns
    public void Malformed_envelopes_report_the_error_and_offset(string hex, ProtoError error, int offset)
    {
        (MexcDecodeResult result, RecordingSink sink, MexcPushDecoder decoder) = Decode(Convert.FromHexString(hex));

        (result.Status, result.Error, result.ErrorOffset).Should().Be((MexcDecodeStatus.Malformed, error, offset));
        sink.Count.Should().Be(0);
        decoder.MalformedFrames.Should().Be(1);
        result.Describe().Should().Contain($"byte offset {offset}");
    }

    [Fact]
    public void A_depth_frame_cut_short_emits_nothing_and_rents_no_levels()
    {
        byte[] frame = CapturedFrames.Named("limit.depth 5 BTCUSDT").Bytes;
        var pool = new DepthLevelsPool(8);
        var decoder = new MexcPushDecoder(Symbols, pool);
        var sink = new RecordingSink();

        MexcDecodeResult result = decoder.Decode(frame.AsSpan(0, frame.Length - 1), LocalNs, ref sink);

        // Channel 0..44, symbol 45..53, sendTime 54..60, body tag fa12 at 61; its length at 63 claims a byte too many.
        (result.Status, result.Error, result.ErrorOffset, result.Body).Should().Be((MexcDecodeStatus.Malformed, ProtoError.LengthBeyondFrame, 63, MexcBody.None));
        sink.Count.Should().Be(0);
        pool.Created.Should().Be(0);
    }

    [Fact]
    public void A_bad_price_inside_a_depth_body_is_reported_at_the_string_and_the_buffer_goes_back()
    {
        byte[] frame = (byte[])CapturedFrames.Named("limit.depth 5 BTCUSDT").Bytes.Clone();
        int at = IndexOf(frame, "84270.03"u8);
        frame[at + 2] = (byte)'x';
        var pool = new DepthLevelsPool(8);
        var decoder = new MexcPushDecoder(Symbols, pool);
        var sink = new RecordingSink();

        MexcDecodeResult result = decoder.Decode(frame, LocalNs, ref sink);
        decoder.Decode(CapturedFrames.Named("limit.depth 5 BTCUSDT").Bytes, LocalNs, ref sink);

        (result.Status, result.Error, result.ErrorOffset, result.Body).Should().Be((MexcDecodeStatus.Malformed, ProtoError.BadDecimal, at, MexcBody.PublicLimitDepths));
        sink.Events.Should().ContainSingle("only the second, valid frame emits");
        pool.Created.Should().Be(1, "the failed frame's buffer was returned and reused");
    }

    [Fact]
    public void Level_items_outside_mexcs_usual_layout_decode_to_the_same_levels()
    {
        // An aggre.depth body: an ask with its quantity first, a bid with an unknown field, a bid in the usual layout.
        byte[] body = Convert.FromHexString(
            "0a0d" + "1204" + Hex("1.50") + "0a05" + Hex("72.34")
            + "1211" + "0a05" + Hex("72.29") + "1204" + Hex("7.01") + "3801" + "4000"
            + "120e" + "0a05" + Hex("72.28") + "1205" + Hex("12.63")
            + "220a" + Hex("1320043374") + "2a0a" + Hex("1320043380"));
        byte[] frame = [.. Convert.FromHexString("1a07" + Hex("BTCUSDT") + "30e3fbd0cc8d34" + "ca13"), (byte)body.Length, .. body];

        (MexcDecodeResult result, RecordingSink sink, _) = Decode(frame);

        result.Status.Should().Be(MexcDecodeStatus.Decoded, result.Describe());
        (sink.Events.Single().FirstUpdateId, sink.Events.Single().LastUpdateId).Should().Be((1320043374L, 1320043380L));
        sink.Depths[0].Asks.Should().Equal(new PriceLevel(F("72.34"), F("1.50")));
        sink.Depths[0].Bids.Should().Equal(new PriceLevel(F("72.29"), F("7.01")), new PriceLevel(F("72.28"), F("12.63")));

        static string Hex(string text) => Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(text));
    }

    [Fact]
    public void A_bad_quantity_in_the_usual_layout_is_reported_at_its_string()
    {
        byte[] frame = (byte[])CapturedFrames.Named("limit.depth 20 HYPEUSDT").Bytes.Clone();
        int at = IndexOf(frame, "146.08"u8);
        frame[at + 3] = (byte)':';

        (MexcDecodeResult result, RecordingSink sink, _) = Decode(frame);

        (result.Status, result.Error, result.ErrorOffset).Should().Be((MexcDecodeStatus.Malformed, ProtoError.BadDecimal, at));
        sink.Count.Should().Be(0);
    }

    [Theory]
    [InlineData("710342948650209280X0_710342948650209281X0", 710342948650209280L)]
    [InlineData("12345", 12345L)]
    [InlineData("", 0L)]
    public void Trade_ids_are_the_leading_integer_of_the_trade_id_string(string text, long expected)
    {
        WireText.TradeIdOf(System.Text.Encoding.ASCII.GetBytes(text)).Should().Be(expected);
    }

    [Fact]
    public void Trade_ids_without_a_leading_integer_get_a_stable_positive_hash()
    {
        long a = WireText.TradeIdOf("C02__385413065019117569043"u8);
        long overflow = WireText.TradeIdOf("99999999999999999999X0"u8);

        a.Should().Be(WireText.TradeIdOf("C02__385413065019117569043"u8)).And.BePositive().And.NotBe(0);
        overflow.Should().BePositive().And.NotBe(WireText.TradeIdOf("99999999999999999998X0"u8));
    }

    [Fact]
    public void Deal_items_outside_mexcs_usual_layout_decode_to_the_same_trades()
    {
        // An aggre.deals body: a deal with its fields in reverse order, one with an unknown field, one without a trade
        // type, then one in the usual layout (read in place again after the others).
        byte[] body = Convert.FromHexString(
            Item(Str(5, "731901896985399296X0_731901896985399297X0") + Tag(4, 0) + Varint(1785141192354) + "1801" + Str(2, "0.00099829") + Str(1, "84270"))
            + Item(Str(1, "84270.5") + Str(2, "1.5") + "1802" + Tag(4, 0) + Varint(1785141192355) + Str(5, "731901896985399298X0") + "4801")
            + Item(Str(1, "84271") + Str(2, "0.25") + Tag(4, 0) + Varint(1785141192356) + Str(5, "731901896985399299"))
            + Item(Str(1, "84272.01") + Str(2, "0.00000001") + "1801" + Tag(4, 0) + Varint(1785141192357) + Str(5, "731901896985399300X0_x"))
            + Str(2, "spot@public.aggre.deals.v3.api.pb@100ms"));
        byte[] frame = Convert.FromHexString(Str(3, "BTCUSDT") + Tag(6, 0) + Varint(1785141192360) + Tag(314, 2) + Varint((ulong)body.Length) + Convert.ToHexString(body));

        (MexcDecodeResult result, RecordingSink sink, _) = Decode(frame);

        result.Status.Should().Be(MexcDecodeStatus.Decoded, result.Describe());
        sink.Events.Select(e => (e.Price, e.Quantity, e.Side, e.TradeId, e.ExchangeTimeNs)).Should().Equal(
            (F("84270"), F("0.00099829"), Side.Buy, 731901896985399296L, 1785141192354_000_000L),
            (F("84270.5"), F("1.5"), Side.Sell, 731901896985399298L, 1785141192355_000_000L),
            (F("84271"), F("0.25"), Side.None, 731901896985399299L, 1785141192356_000_000L),
            (F("84272.01"), F("0.00000001"), Side.Buy, 731901896985399300L, 1785141192357_000_000L));

        static string Item(string fields) => "0a" + Varint((ulong)fields.Length / 2) + fields;
    }

    [Fact]
    public void A_bad_price_in_a_usual_deal_is_reported_at_its_string()
    {
        byte[] frame = (byte[])CapturedFrames.Named("public C# test: aggre.deals").Bytes.Clone();
        int at = IndexOf(frame, "84270"u8);
        frame[at + 1] = (byte)'-';

        (MexcDecodeResult result, RecordingSink sink, _) = Decode(frame);

        (result.Status, result.Error, result.ErrorOffset, result.Body).Should().Be((MexcDecodeStatus.Malformed, ProtoError.BadDecimal, at, MexcBody.PublicAggreDeals));
        sink.Count.Should().Be(0);
    }

    public static TheoryData<string> UnusualEnvelopes() => new() { "fields reversed", "unknown field", "three-byte body length", "create time last" };

    [Theory]
    [MemberData(nameof(UnusualEnvelopes))]
    public void Envelopes_outside_mexcs_usual_shape_decode_to_the_same_events(string shape)
    {
        byte[] usual = CapturedFrames.Named("public C# test: aggre.deals").Bytes;
        var reader = new ProtoReader(usual);
        MexcPushWrapper.TryRead(ref reader, out MexcPushWrapper w).Should().BeTrue();
        string channel = Str(1, System.Text.Encoding.ASCII.GetString(w.Channel)), symbol = Str(3, System.Text.Encoding.ASCII.GetString(w.Symbol));
        string send = Tag(6, 0) + Varint((ulong)w.SendTimeMs), bodyHex = Convert.ToHexString(w.BodyBytes);
        string body = Tag(314, 2) + Varint((ulong)w.BodyBytes.Length) + bodyHex;
        string hex = shape switch
        {
            "fields reversed" => body + send + symbol + channel,
            "unknown field" => channel + symbol + "3801" + send + body + "4a00",
            "three-byte body length" => channel + symbol + send + Tag(314, 2) + Varint((ulong)w.BodyBytes.Length)[..2] + "8100" + bodyHex,
            _ => channel + symbol + body + Tag(5, 0) + Varint((ulong)w.SendTimeMs),
        };
        (MexcDecodeResult expected, RecordingSink expectedSink, _) = Decode(usual);

        (MexcDecodeResult result, RecordingSink sink, _) = Decode(Convert.FromHexString(hex));

        (result.Status, result.EventCount).Should().Be((MexcDecodeStatus.Decoded, 2), result.Describe());
        expected.EventCount.Should().Be(2);
        sink.Events.Should().Equal(expectedSink.Events, (a, e) => Same(a, e) && a.TradeId == e.TradeId);
    }

    [Fact]
    public void Trade_ids_of_any_leading_digit_run_match_the_digit_by_digit_rule()
    {
        var random = new Random(11);
        for (int i = 0; i < 20_000; i++)
        {
            int digits = random.Next(0, 26);
            var text = new System.Text.StringBuilder(digits == 0 ? "C" : string.Empty);
            text.Append((char)('1' + random.Next(9)));
            while (text.Length < digits)
            {
                text.Append((char)('0' + random.Next(10)));
            }

            if (digits == 19 && random.Next(2) == 0)
            {
                text[0] = '9'; // above long.MaxValue (9223372036854775807) more often than not
            }

            text.Append(random.Next(3) switch { 0 => "X0_731901896985399297X0", 1 => "_", _ => string.Empty });
            byte[] utf8 = System.Text.Encoding.ASCII.GetBytes(text.ToString());

            WireText.TradeIdOf(utf8).Should().Be(Reference(utf8), text.ToString());
        }

        // The rule, independently: the leading integer when it has 1-19 digits and fits a long, else FNV-1a of all.
        static long Reference(byte[] utf8)
        {
            int run = Array.FindIndex(utf8, b => b is < (byte)'0' or > (byte)'9');
            run = run < 0 ? utf8.Length : run;
            if (run is > 0 and <= 19 && System.Numerics.BigInteger.Parse(System.Text.Encoding.ASCII.GetString(utf8, 0, run), System.Globalization.CultureInfo.InvariantCulture) is var id && id <= long.MaxValue)
            {
                return (long)id;
            }

            ulong hash = 14695981039346656037;
            foreach (byte b in utf8)
            {
                hash = unchecked((hash ^ b) * 1099511628211);
            }

            return (long)(hash & long.MaxValue);
        }
    }

    private static string Tag(int field, int wireType) => Varint(((ulong)field << 3) | (uint)wireType);

    private static string Str(int field, string text) =>
        Tag(field, 2) + Varint((ulong)text.Length) + Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(text));

    private static string Varint(ulong value)
    {
        var hex = new System.Text.StringBuilder();
        for (; value >= 0x80; value >>= 7)
        {
            hex.Append(((byte)(value | 0x80)).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.Append(((byte)value).ToString("x2", System.Globalization.CultureInfo.InvariantCulture)).ToString();
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
