using System.Net.Http.Json;
using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Simulator.Tests.TestData;

namespace FlashTrader.Mexc.Simulator.Tests.Market;

/// <summary>--loop: the recording starts over, yet a client's diff stream stays continuous and its book exact.</summary>
public sealed class LoopReplayTests
{
    [Fact]
    public async Task Across_the_restart_versions_and_times_keep_increasing_and_one_diff_takes_the_client_back_to_the_first_book()
    {
        await using MexcSimulator sim = await MexcSimulator.StartAsync(Sample.Options() with { Loop = true });
        await using StreamClient client = await StreamClient.ConnectAsync(sim.WsUrl);
        await client.SubscribeAsync(1, "spot@public.aggre.depth.v3.api.pb@10ms@ETHUSDC");
        await client.ReplyAsync();
        using var http = new HttpClient { BaseAddress = sim.RestUrl };
        JsonElement snapshot = await http.GetFromJsonAsync<JsonElement>("/api/v3/depth?symbol=ETHUSDC&limit=5000");
        var bids = new SortedDictionary<Fixed8, Fixed8>(Comparer<Fixed8>.Create((a, b) => b.CompareTo(a)));
        var asks = new SortedDictionary<Fixed8, Fixed8>();
        ReferenceBookSide.Load(bids, snapshot.GetProperty("bids"));
        ReferenceBookSide.Load(asks, snapshot.GetProperty("asks"));
        long previous = snapshot.GetProperty("lastUpdateId").GetInt64(), lastTimeNs = 0;
        List<(Fixed8, Fixed8)> startBids = [.. bids.Select(l => (l.Key, l.Value))], startAsks = [.. asks.Select(l => (l.Key, l.Value))];
        long endOfFirstPass = Rest.PublicEndpointsTests.ReplayIndependently("ETHUSDC").Book.LastUpdateId;
        bool bridged = false;
        sim.StartReplay();

        // One pass of the sample is ~6,500 ETHUSDC diffs: 9,000 cross the restart.
        for (int i = 0; i < 9_000; i++)
        {
            (MexcDecodeResult result, StreamClient.Collector decoded) = client.Decode((await client.ReceiveAsync())!.Frame!);
            result.Status.Should().Be(MexcDecodeStatus.Decoded);
            MarketEvent diff = decoded.Events.Single();
            if (diff.LastUpdateId <= snapshot.GetProperty("lastUpdateId").GetInt64())
            {
                continue;
            }

            diff.FirstUpdateId.Should().Be(previous + 1, $"diff #{i} continues the stream");
            diff.ExchangeTimeNs.Should().BeGreaterThanOrEqualTo(lastTimeNs, $"diff #{i} is not older than the one before");
            ReferenceBookSide.Apply(bids, decoded.Levels.Single().Bids);
            ReferenceBookSide.Apply(asks, decoded.Levels.Single().Asks);
            previous = diff.LastUpdateId;
            lastTimeNs = diff.ExchangeTimeNs;
            if (diff.LastUpdateId == endOfFirstPass + 1)
            {
                // The one version after the first pass is the jump back to the recording's first book.
                bids.Select(l => (l.Key, l.Value)).Should().Equal(startBids);
                asks.Select(l => (l.Key, l.Value)).Should().Equal(startAsks);
                bridged = true;
            }
        }

        bridged.Should().BeTrue("the stream crossed the restart");

        sim.Loops.Should().BeGreaterThanOrEqualTo(1);
        bids.First().Key.Should().BeLessThan(asks.First().Key, "the book after the restart is a real book, not two books mixed");
    }
}
