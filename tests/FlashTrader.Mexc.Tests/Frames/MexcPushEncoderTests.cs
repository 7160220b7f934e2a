using System.Buffers;
using System.Globalization;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Tests.Oracle;
using FlashTrader.Mexc.Tests.TestData;

namespace FlashTrader.Mexc.Tests.Frames;

public class MexcPushEncoderTests
{
    private static readonly SymbolTable Symbols = new(["BTCUSDC", "ETHUSDC"]);

    [Theory]
    [MemberData(nameof(CapturedFrames.Names), MemberType = typeof(CapturedFrames))]
    public void Re_encoding_a_captured_frame_decodes_to_the_same_events(string name)
    {
        CapturedFrame frame = CapturedFrames.Named(name);
        var symbols = new SymbolTable(["BTCUSDT", "HYPEUSDT"]);
        var original = new RecordingSink();
        var decoder = new MexcPushDecoder(symbols, new DepthLevelsPool());
        decoder.Decode(frame.Bytes, 7, ref original);
        var wrapper = PushDataV3ApiWrapper.Parser.ParseFrom(frame.Bytes);
        byte[] channel = System.Text.Encoding.UTF8.GetBytes(wrapper.Channel);
        byte[] symbol = System.Text.Encoding.UTF8.GetBytes(wrapper.Symbol);

        var again = new RecordingSink();
        if (original.Events[0].Kind == MarketEventKind.Trade)
        {
            byte[] buffer = new byte[1024];
            MexcPushEncoder.TryEncodeDeals(original.Events.ToArray(), channel, symbol, buffer, out int n).Should().BeTrue();
            decoder.Decode(buffer.AsSpan(0, n), 7, ref again);
        }
        else
        {
            MarketEvent e = original.Events[0];
            DepthLevels? levels = null;
            if (e.HasLevels)
            {
                levels = new DepthLevels();
                foreach (PriceLevel bid in original.Depths[0].Bids)
                {
                    levels.AddBid(bid);
                }

                foreach (PriceLevel ask in original.Depths[0].Asks)
                {
                    levels.AddAsk(ask);
                }
            }

            var output = new ArrayBufferWriter<byte>();
            MexcPushEncoder.Encode(e.With(e.SymbolId, levels), channel, symbol, output).Should().BePositive();
            decoder.Decode(output.WrittenSpan, 7, ref again);

            // MEXC's own frames carry extra fields (symbolId, lastOrderCreateTime); ours are otherwise the same message.
            var reparsed = PushDataV3ApiWrapper.Parser.ParseFrom(output.WrittenSpan);
            (reparsed.Channel, reparsed.Symbol, reparsed.BodyCase).Should().Be((wrapper.Channel, wrapper.Symbol, wrapper.BodyCase));
        }

        again.Events.Select(Describe).Should().Equal(original.Events.Select(Describe));
        again.Depths.Select(d => (d.Bids.Length, d.Asks.Length)).Should().Equal(original.Depths.Select(d => (d.Bids.Length, d.Asks.Length)));
        for (int i = 0; i < again.Depths.Count; i++)
        {
            again.Depths[i].Bids.Should().Equal(original.Depths[i].Bids);
            again.Depths[i].Asks.Should().Equal(original.Depths[i].Asks);
        }
    }

    [Fact]
    public void The_encoded_limit_depth_is_what_the_oracle_reads_including_canonical_long_lengths()
    {
        var levels = new DepthLevels();
        for (int i = 0; i < 300; i++)
        {
            levels.AddAsk(new PriceLevel(Fixed8.Parse("84270.01") + Fixed8.FromRaw(i * 1_000_000), Fixed8.Parse("0.5")));
            levels.AddBid(new PriceLevel(Fixed8.Parse("84270") - Fixed8.FromRaw(i * 1_000_000), Fixed8.Zero));
        }

        MarketEvent e = MarketEvent.DepthSnapshot(0, 1790281247251_000_000, 0, 82164155643, levels);
        var output = new ArrayBufferWriter<byte>();

        int n = MexcPushEncoder.Encode(e, "spot@public.limit.depth.v3.api.pb@BTCUSDC@20"u8, "BTCUSDC"u8, output);

        var oracle = PushDataV3ApiWrapper.Parser.ParseFrom(output.WrittenSpan);
        oracle.CalculateSize().Should().Be(n, "Google.Protobuf would write exactly as many bytes (canonical varints)");
        oracle.SendTime.Should().Be(1790281247251);
        oracle.PublicLimitDepths.Version.Should().Be("82164155643");
        oracle.PublicLimitDepths.EventType.Should().Be("spot@public.limit.depth.v3.api.pb");
        oracle.PublicLimitDepths.Asks.Should().HaveCount(300);
        (oracle.PublicLimitDepths.Asks[1].Price, oracle.PublicLimitDepths.Asks[1].Quantity).Should().Be(("84270.02", "0.5"));
        (oracle.PublicLimitDepths.Bids[299].Price, oracle.PublicLimitDepths.Bids[299].Quantity).Should().Be(("84267.01", "0"));
    }

    [Fact]
    public void Random_events_survive_encode_then_decode_exactly()
    {
        var random = new Random(4);
        var decoder = new MexcPushDecoder(Symbols, new DepthLevelsPool());
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < 2000; i++)
        {
            int symbolId = random.Next(2);
            long ns = random.NextInt64(1_600_000_000_000, 1_900_000_000_000) * 1_000_000;
            Fixed8 Price() => Fixed8.FromRaw(random.Next(4) == 0 ? long.MaxValue - random.Next(1000) : random.NextInt64(0, 10_000_000_000_000));
            MarketEvent e = random.Next(5) switch
            {
                0 => MarketEvent.Trade(symbolId, ns, 0, Price(), Price(), (Side)random.Next(3), random.NextInt64(0, long.MaxValue)),
                1 => MarketEvent.BookTicker(symbolId, ns, 0, Price(), Price(), Price(), Price(), random.NextInt64(0, long.MaxValue)),
                2 => MarketEvent.Kline(symbolId, ns, 0, random.NextInt64(1_600_000_000, 1_900_000_000) * 1_000_000_000,
                    new long[] { 60, 300, 900, 1800, 3600, 14400, 28800, 86400, 604800, 2678400 }[random.Next(10)],
                    Price(), Price(), Price(), Price(), Price(), Price()),
                _ => Depth(random, symbolId, ns, Price),
            };
            string symbol = Symbols.NameOf(symbolId);
            byte[] channel = System.Text.Encoding.UTF8.GetBytes($"spot@public.x.v3.api.pb@100ms@{symbol}");
            MexcPushEncoder.TryEncode(e, channel, System.Text.Encoding.UTF8.GetBytes(symbol), buffer, out int n).Should().BeTrue();
            n.Should().BeLessThanOrEqualTo(MexcPushEncoder.MaxLength(e, channel.Length, symbol.Length));
            var sink = new RecordingSink();

            MexcDecodeResult result = decoder.Decode(buffer.AsSpan(0, n), 0, ref sink);

            result.Status.Should().Be(MexcDecodeStatus.Decoded, result.Describe());
            Describe(sink.Events.Single()).Should().Be(Describe(e), $"event {i}");
            if (e.HasLevels)
            {
                sink.Depths[0].Bids.Should().Equal(e.Levels.Bids.ToArray());
                sink.Depths[0].Asks.Should().Equal(e.Levels.Asks.ToArray());
            }
        }
    }

    [Fact]
    public void A_destination_too_small_fails_cleanly()
    {
        MarketEvent e = MarketEvent.BookTicker(0, 1, 0, Fixed8.One, Fixed8.One, Fixed8.One, Fixed8.One, 5);

        MexcPushEncoder.TryEncode(e, "c"u8, "BTCUSDC"u8, new byte[20], out int n).Should().BeFalse();
        n.Should().Be(0);
    }

    private static MarketEvent Depth(Random random, int symbolId, long ns, Func<Fixed8> price)
    {
        var levels = new DepthLevels();
        int count = random.Next(10) == 0 ? random.Next(100, 400) : random.Next(0, 20);
        for (int i = 0; i < count; i++)
        {
            levels.Add(random.Next(2) == 0 ? Side.Buy : Side.Sell, new PriceLevel(price(), price()));
        }

        long from = random.NextInt64(0, long.MaxValue - 100);
        return random.Next(2) == 0
            ? MarketEvent.DepthDiff(symbolId, ns, 0, from, from + random.Next(100), levels)
            : MarketEvent.DepthSnapshot(symbolId, ns, 0, from, levels);
    }

    private static string Describe(MarketEvent e) => string.Create(CultureInfo.InvariantCulture,
        $"{e.Kind} s{e.SymbolId} x{e.ExchangeTimeNs} {e.Side} {e.Price} {e.Quantity} {e.AskPrice} {e.AskQuantity} {e.Volume} {e.QuoteVolume} {e.FirstUpdateId} {e.LastUpdateId}");
}
