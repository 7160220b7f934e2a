using System.Net.Http.Json;
using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Simulator.Tests.Rest;
using FlashTrader.Mexc.Simulator.Tests.TestData;

namespace FlashTrader.Mexc.Simulator.Tests.Streams;

/// <summary>Binary pushes of the replayed sample, decoded with the repository's MEXC decoder.</summary>
public sealed class MarketPushTests : IAsyncLifetime
{
    private MexcSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await MexcSimulator.StartAsync(Sample.Options());

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task A_client_applying_the_REST_snapshot_and_the_diff_stream_reproduces_the_simulators_book_exactly()
    {
        await using StreamClient client = await StreamClient.ConnectAsync(_sim.WsUrl);
        await client.SubscribeAsync(1, "spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDC");
        await client.ReplyAsync();
        using var http = new HttpClient { BaseAddress = _sim.RestUrl };
        JsonElement snapshot = await http.GetFromJsonAsync<JsonElement>("/api/v3/depth?symbol=BTCUSDC&limit=5000");
        long lastUpdateId = snapshot.GetProperty("lastUpdateId").GetInt64();
        var bids = new SortedDictionary<Fixed8, Fixed8>(Comparer<Fixed8>.Create((a, b) => b.CompareTo(a)));
        var asks = new SortedDictionary<Fixed8, Fixed8>();
        ReferenceBookSide.Load(bids, snapshot.GetProperty("bids"));
        ReferenceBookSide.Load(asks, snapshot.GetProperty("asks"));

        _sim.StartReplay();
        long previous = lastUpdateId;
        int applied = 0, merged = 0;
        while (!(_sim.ReplayCompleted.IsCompleted && previous == _sim.BookOf("BTCUSDC").LastUpdateId))
        {
            StreamMessage message = (await client.ReceiveAsync())!;
            (MexcDecodeResult result, StreamClient.Collector decoded) = client.Decode(message.Frame!);
            result.Body.Should().Be(MexcBody.PublicAggreDepths);
            MarketEvent diff = decoded.Events.Single();
            if (diff.LastUpdateId <= lastUpdateId)
            {
                continue; // MEXC's procedure: drop what the snapshot already holds
            }

            diff.FirstUpdateId.Should().Be(previous + 1, "each diff continues the previous one's toVersion (or the snapshot's lastUpdateId)");
            merged += diff.LastUpdateId > diff.FirstUpdateId + 1 ? 1 : 0;
            (List<PriceLevel> diffBids, List<PriceLevel> diffAsks) = decoded.Levels.Single();
            ReferenceBookSide.Apply(bids, diffBids);
            ReferenceBookSide.Apply(asks, diffAsks);
            previous = diff.LastUpdateId;
            applied++;
        }

        (long version, List<PriceLevel> simBids, List<PriceLevel> simAsks) = _sim.BookOf("BTCUSDC");
        previous.Should().Be(version);
        bids.Select(l => new PriceLevel(l.Key, l.Value)).Should().Equal(simBids);
        asks.Select(l => new PriceLevel(l.Key, l.Value)).Should().Equal(simAsks);
        applied.Should().Be(6_492, "the 100 ms windows of the sample's BTCUSDC diffs after the snapshot");
        merged.Should().BeGreaterThan(0, "Binance diffs cover several update ids each");
    }

    [Fact]
    public async Task Deals_bookTicker_limit_depth_and_kline_pushes_carry_the_replayed_market_in_MEXCs_bodies()
    {
        await using StreamClient client = await StreamClient.ConnectAsync(_sim.WsUrl);
        await client.SubscribeAsync(1,
            "spot@public.aggre.deals.v3.api.pb@100ms@ETHUSDC", "spot@public.aggre.bookTicker.v3.api.pb@10ms@ETHUSDC",
            "spot@public.limit.depth.v3.api.pb@ETHUSDC@5", "spot@public.kline.v3.api.pb@ETHUSDC@Min1");
        (await client.ReplyAsync()).GetProperty("msg").GetString()!.Split(',').Should().HaveCount(4);
        _sim.StartReplay();

        var trades = new List<MarketEvent>();
        var bodies = new Dictionary<MexcBody, int>();
        var klineStarts = new HashSet<long>();
        while (true)
        {
            StreamMessage message;
            try
            {
                // Once the replay has ended, everything it pushed is queued: a quiet second means all has arrived.
                message = (await client.ReceiveAsync(TimeSpan.FromSeconds(_sim.ReplayCompleted.IsCompleted ? 1 : 20)))!;
            }
            catch (OperationCanceledException) when (_sim.ReplayCompleted.IsCompleted)
            {
                break;
            }

            (MexcDecodeResult result, StreamClient.Collector decoded) = client.Decode(message.Frame!);
            result.Status.Should().Be(MexcDecodeStatus.Decoded, result.Describe());
            bodies[result.Body] = bodies.GetValueOrDefault(result.Body) + 1;
            switch (result.Body)
            {
                case MexcBody.PublicAggreDeals:
                    trades.AddRange(decoded.Events);
                    break;
                case MexcBody.PublicLimitDepths:
                    decoded.Levels.Single().Bids.Should().HaveCount(5);
                    decoded.Levels.Single().Asks.Should().HaveCount(5);
                    break;
                case MexcBody.PublicSpotKline:
                    MarketEvent bar = decoded.Events.Single();
                    bar.IntervalSeconds.Should().Be(60);
                    (bar.OpenTimeNs % 60_000_000_000).Should().Be(0);
                    klineStarts.Add(bar.OpenTimeNs);
                    break;
                case MexcBody.PublicAggreBookTicker:
                    MarketEvent quote = decoded.Events.Single();
                    quote.AskPrice.Should().BeGreaterThan(quote.BidPrice);
                    break;
            }
        }

        List<MarketEvent> recorded = PublicEndpointsTests.RecordedTrades("ETHUSDC");
        trades.Select(t => (t.Price, t.Quantity, t.Side, t.ExchangeTimeNs / 1_000_000))
            .Should().Equal(recorded.Select(t => (t.Price, t.Quantity, t.Side, t.ExchangeTimeNs / 1_000_000)), "every recorded trade is pushed once, in order");
        bodies.Keys.Should().BeEquivalentTo([MexcBody.PublicAggreDeals, MexcBody.PublicAggreBookTicker, MexcBody.PublicLimitDepths, MexcBody.PublicSpotKline]);
        bodies[MexcBody.PublicAggreDeals].Should().BeLessThan(recorded.Count, "trades of one 100 ms window go out in one push");
        klineStarts.Should().HaveCount(12);
    }

    [Fact]
    public async Task With_live_times_the_replay_is_served_as_if_it_were_happening_now()
    {
        await using MexcSimulator sim = await MexcSimulator.StartAsync(Sample.Options(speed: 1) with { LiveTimes = true });
        await using StreamClient client = await StreamClient.ConnectAsync(sim.WsUrl);
        await client.SubscribeAsync(1, "spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDC");
        await client.ReplyAsync();
        long started = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        sim.StartReplay();
        (_, StreamClient.Collector decoded) = client.Decode((await client.ReceiveAsync())!.Frame!);
        long pushedMs = decoded.Events.Single().ExchangeTimeNs / 1_000_000;
        pushedMs.Should().BeInRange(started - 1_000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1_000, "the first diff is stamped with the time it is served, not 2024");
    }
}
