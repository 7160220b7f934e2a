using FlashTrader.Core.Market;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Tests.Oracle;
using FlashTrader.Mexc.Tests.TestData;
using Google.Protobuf;

namespace FlashTrader.Mexc.Tests.Frames;

public class MexcPushDecoderAllocationTests
{
    /// <summary>A struct sink as a consumer would write one: counts, and hands depth buffers back.</summary>
    private struct CountingSink : IMexcPushSink
    {
        public int Events;

        public void OnEvent(in MarketEvent marketEvent)
        {
            Events++;
            if (marketEvent.HasLevels)
            {
                marketEvent.Levels.Release();
            }
        }

        public void OnOrder(in PrivateOrderUpdate order) => Events++;

        public void OnDeal(in PrivateDeal deal) => Events++;

        public void OnAccount(in PrivateAccountUpdate account) => Events++;
    }

    /// <summary>An aggre.depth frame (no capture exists) built with the oracle from real limit-depth levels.</summary>
    internal static byte[] AggreDepthFrame()
    {
        var wrapper = PushDataV3ApiWrapper.Parser.ParseFrom(CapturedFrames.Named("limit.depth 20 HYPEUSDT").Bytes);
        var depth = new PublicAggreDepthsV3Api { EventType = "spot@public.aggre.depth.v3.api.pb@100ms", FromVersion = "1320043374", ToVersion = "1320043380" };
        depth.Asks.AddRange(wrapper.PublicLimitDepths.Asks.Select(l => new PublicAggreDepthV3ApiItem { Price = l.Price, Quantity = l.Quantity }));
        depth.Bids.AddRange(wrapper.PublicLimitDepths.Bids.Select(l => new PublicAggreDepthV3ApiItem { Price = l.Price, Quantity = l.Quantity }));
        return new PushDataV3ApiWrapper
        {
            Channel = "spot@public.aggre.depth.v3.api.pb@100ms@HYPEUSDT",
            Symbol = "HYPEUSDT",
            SendTime = 1780505866608,
            PublicAggreDepths = depth,
        }.ToByteArray();
    }

    public static TheoryData<string> HotFrames() => new() { "aggre.depth", "C# test: aggre.deals", "limit.depth 20", "aggre.bookTicker 100ms BTCUSDT" };

    [Theory]
    [MemberData(nameof(HotFrames))]
    public void Hot_bodies_decode_without_allocating_after_warm_up(string which)
    {
        byte[] frame = which == "aggre.depth" ? AggreDepthFrame() : CapturedFrames.Named(which).Bytes;
        var decoder = new MexcPushDecoder(new SymbolTable(["BTCUSDT", "HYPEUSDT"]), new DepthLevelsPool(8));
        var sink = new CountingSink();
        for (int i = 0; i < 100; i++)
        {
            decoder.Decode(frame, i, ref sink);
        }

        // The fewest bytes of five runs: the runtime's one-off tiering bookkeeping may land on this thread inside any
        // single run, never in all five; a per-frame allocation shows in every run.
        sink.Events = 0;
        long fewest = long.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 1000; i++)
            {
                decoder.Decode(frame, i, ref sink);
            }

            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        fewest.Should().Be(0);
        sink.Events.Should().Be(which.EndsWith("aggre.deals", StringComparison.Ordinal) ? 10_000 : 5000);
        decoder.DecodedFrames.Should().Be(5100);
    }
}
