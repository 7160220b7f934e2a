using System.Text;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.Tests.TestData;

namespace FlashTrader.Mexc.Tests.Rest;

public class DepthSnapshotJsonTests
{
    private static Fixed8 F(string text) => Fixed8.Parse(text);

    [Fact]
    public void Reads_the_real_ETH_snapshot_exactly()
    {
        var levels = new DepthLevels();

        string? problem = DepthSnapshotJson.TryRead(Encoding.UTF8.GetBytes(RealDepthSnapshot.EthUsdt), levels, out long lastUpdateId, out long timestamp);

        problem.Should().BeNull();
        lastUpdateId.Should().Be(35346513512);
        timestamp.Should().Be(0);
        (levels.BidCount, levels.AskCount).Should().Be((1000, 1000));
        levels.Bids[0].Should().Be(new PriceLevel(F("2683.8"), F("3.0292")));
        levels.Asks[0].Should().Be(new PriceLevel(F("2683.81"), F("31.4395")));
        levels.Bids[999].Should().Be(new PriceLevel(F("2660.6"), F("0.0072")));
        levels.Asks[999].Should().Be(new PriceLevel(F("2711.76"), F("0.0116")));
        Fixed8 bids = Fixed8.Zero, asks = Fixed8.Zero;
        foreach (PriceLevel l in levels.Bids)
        {
            bids += l.Quantity;
        }

        foreach (PriceLevel l in levels.Asks)
        {
            asks += l.Quantity;
        }

        (bids, asks).Should().Be((F("3087.1174"), F("3557.7218")));
    }

    [Fact]
    public void Reading_a_snapshot_into_a_warmed_buffer_allocates_nothing()
    {
        byte[] json = Encoding.UTF8.GetBytes(RealDepthSnapshot.BtcUsdt);
        var levels = new DepthLevels();
        DepthSnapshotJson.TryRead(json, levels, out _, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            DepthSnapshotJson.TryRead(json, levels, out _, out _);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
        levels.BidCount.Should().Be(1000, "the buffer is cleared before each read, not appended to");
    }

    [Fact]
    public void Unknown_fields_are_skipped_and_a_string_lastUpdateId_is_accepted()
    {
        var levels = new DepthLevels();

        string? problem = DepthSnapshotJson.TryRead("""{"symbol":"BTCUSDC","lastUpdateId":"42","extra":{"a":[1,2]},"bids":[["1","2",null]],"asks":[],"timestamp":1768478399990}"""u8, levels, out long id, out long ts);

        problem.Should().BeNull();
        (id, ts).Should().Be((42, 1768478399990));
        levels.Bids.ToArray().Should().Equal(new PriceLevel(F("1"), F("2")));
    }

    [Theory]
    [InlineData("[]", "expected a JSON object (byte offset 0)")]
    [InlineData("""{"bids":[],"asks":[]}""", "lastUpdateId is missing")]
    [InlineData("""{"lastUpdateId":1.5}""", "lastUpdateId must be an integer (byte offset 16)")]
    [InlineData("""{"lastUpdateId":1,"bids":{}}""", "bids must be an array (byte offset 25)")]
    [InlineData("""{"lastUpdateId":1,"asks":["1","2"]}""", "asks: expected a level array (byte offset 26)")]
    [InlineData("""{"lastUpdateId":1,"asks":[["1"]]}""", "asks: expected a [\"price\", \"quantity\"] pair of decimals with at most 8 places (byte offset 30)")]
    [InlineData("""{"lastUpdateId":1,"asks":[["1.000000001","2"]]}""", "asks: expected a [\"price\", \"quantity\"] pair of decimals with at most 8 places (byte offset 27)")]
    public void Malformed_bodies_say_what_is_wrong_and_where(string json, string problem)
    {
        DepthSnapshotJson.TryRead(Encoding.UTF8.GetBytes(json), new DepthLevels(), out _, out _).Should().Be(problem);
    }

    [Fact]
    public void Broken_JSON_names_the_line_and_byte()
    {
        string? problem = DepthSnapshotJson.TryRead("{\"lastUpdateId\":1,\n\"bids\":[[\"1\",\"2\"]"u8, new DepthLevels(), out _, out _);

        problem.Should().StartWith("malformed JSON at line 2, byte 17 of the line:");
    }
}
