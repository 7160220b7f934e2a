using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Simulator.Faults;
using FlashTrader.Mexc.Simulator.Tests.TestData;

namespace FlashTrader.Mexc.Simulator.Tests.Faults;

/// <summary>Each fault, injected through the in-process API or the plan, as a client meets it.</summary>
public sealed class FaultInjectionTests : IAsyncLifetime
{
    private const string Depth = "spot@public.aggre.depth.v3.api.pb@10ms@BTCUSDC";
    private MexcSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await MexcSimulator.StartAsync(Sample.Options(autoStart: false, speed: 20));

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task Skipped_diffs_leave_a_version_gap_the_client_can_see()
    {
        await using StreamClient client = await Subscribed(Depth);
        _sim.StartReplay();
        MexcDecodeResultAndEvent previous = await NextDiff(client);
        _sim.Faults.SkipDiffs(1);

        // Diffs already queued still arrive; the next one flushed after the call is never sent.
        var gaps = new List<(long ExpectedFrom, long From)>();
        for (int i = 0; i < 40; i++)
        {
            MexcDecodeResultAndEvent diff = await NextDiff(client);
            if (diff.From != previous.To + 1)
            {
                gaps.Add((previous.To + 1, diff.From));
            }

            previous = diff;
        }

        gaps.Should().ContainSingle().Which.From.Should().BeGreaterThan(gaps[0].ExpectedFrom);
        _sim.Faults.SkippedDiffs.Should().Be(1);
    }

    [Fact]
    public async Task A_malformed_push_fails_to_decode_and_names_the_offset()
    {
        await using StreamClient client = await Subscribed(Depth);
        _sim.Faults.MalformNextPushes(1);
        _sim.StartReplay();
        (MexcDecodeResult result, _) = client.Decode((await client.ReceiveAsync())!.Frame!);
        result.Status.Should().Be(MexcDecodeStatus.Malformed);
        result.Describe().Should().Contain("byte offset");
        client.Decode((await client.ReceiveAsync())!.Frame!).Result.Status.Should().Be(MexcDecodeStatus.Decoded, "only one push was cut");
    }

    [Fact]
    public async Task Pushes_are_held_back_by_the_configured_delay()
    {
        _sim.Faults.Plan = FaultPlan.Parse("delay=400ms");
        await using StreamClient client = await Subscribed(Depth);
        long subscribed = Stopwatch.GetTimestamp();
        _sim.StartReplay();
        await client.ReceiveAsync();
        Stopwatch.GetElapsedTime(subscribed).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(400), "no push may arrive before its delay");
    }

    [Fact]
    public async Task Dropping_connections_aborts_them_without_a_close_handshake()
    {
        await using StreamClient client = await Subscribed(Depth);
        _sim.Faults.DropConnections();
        Func<Task> receive = () => client.ReceiveAsync(TimeSpan.FromSeconds(10));
        await receive.Should().ThrowAsync<WebSocketException>();
        _sim.Faults.DroppedConnections.Should().Be(1);
    }

    [Fact]
    public async Task The_plan_drops_every_connection_after_its_period()
    {
        _sim.Faults.Plan = FaultPlan.Parse("drop=300ms");

        // On a busy machine the client may read the handshake's reply only after the drop: then connecting fails.
        // Either way the client meets an abort, not a close, and the simulator counts exactly one drop.
        Func<Task> connectAndReceive = async () =>
        {
            await using StreamClient client = await StreamClient.ConnectAsync(_sim.WsUrl);
            await client.ReceiveAsync(TimeSpan.FromSeconds(10));
        };
        await connectAndReceive.Should().ThrowAsync<WebSocketException>();
        _sim.Faults.DroppedConnections.Should().Be(1);
    }

    [Fact]
    public async Task The_connection_lifetime_ends_connections_early_with_a_close_frame()
    {
        _sim.Faults.Plan = FaultPlan.Parse("lifetime=300ms");

        // Not subscribed: on a busy machine the close may come before a subscription's ack would.
        await using StreamClient client = await StreamClient.ConnectAsync(_sim.WsUrl);
        (await client.ReceiveAsync(TimeSpan.FromSeconds(10))).Should().BeNull();
        client.Socket.CloseStatusDescription.Should().Be("connection lifetime exceeded");

        _sim.Faults.Plan = FaultPlan.None;
        await using StreamClient other = await Subscribed(Depth);
        _sim.Faults.ExpireConnections();
        (await other.ReceiveAsync(TimeSpan.FromSeconds(10))).Should().BeNull();
        other.Socket.CloseStatusDescription.Should().Be("connection lifetime exceeded");
    }

    [Fact]
    public async Task Requests_are_refused_with_429_and_Retry_After_then_418()
    {
        _sim.Faults.Plan = FaultPlan.Parse("retry-after=7s");
        using var http = new HttpClient { BaseAddress = _sim.RestUrl };
        _sim.Faults.FailNextRequests(429, 1);
        using (HttpResponseMessage limited = await http.GetAsync("/api/v3/depth?symbol=BTCUSDC"))
        {
            limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(7));
        }

        _sim.Faults.FailNextRequests(418, 1);
        using (HttpResponseMessage banned = await http.GetAsync("/api/v3/depth?symbol=BTCUSDC"))
        {
            ((int)banned.StatusCode).Should().Be(418);
        }

        using HttpResponseMessage served = await http.GetAsync("/api/v3/depth?symbol=BTCUSDC");
        served.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Random_refusals_follow_the_seed_reproducibly()
    {
        async Task<string> Sequence(string spec)
        {
            await using MexcSimulator sim = await MexcSimulator.StartAsync(Sample.Options() with { Faults = FaultPlan.Parse(spec) });
            using var http = new HttpClient { BaseAddress = sim.RestUrl };
            var statuses = new List<int>();
            for (int i = 0; i < 30; i++)
            {
                using HttpResponseMessage response = await http.GetAsync("/api/v3/ping");
                statuses.Add((int)response.StatusCode);
            }

            return string.Join(',', statuses);
        }

        string first = await Sequence("seed=11;429=0.3;418=0.1");
        (await Sequence("seed=11;429=0.3;418=0.1")).Should().Be(first);
        (await Sequence("seed=12;429=0.3;418=0.1")).Should().NotBe(first);
        first.Split(',').Distinct().Should().BeEquivalentTo(["200", "429", "418"]);
    }

    [Fact]
    public async Task An_order_can_be_executed_and_answered_500_leaving_its_outcome_unknown_to_the_client()
    {
        using var client = new SignedClient(_sim.RestUrl);
        _sim.Faults.FailNextOrders(1);
        (int status, JsonElement body) = await client.ErrorAsync(HttpMethod.Post, "/api/v3/order",
            ("symbol", "BTCUSDC"), ("side", "BUY"), ("type", "LIMIT"), ("quantity", "0.01"), ("price", "1000"), ("newClientOrderId", "unknown-1"));
        status.Should().Be(500);
        body.GetProperty("code").GetInt32().Should().Be(500);
        JsonElement order = await client.JsonAsync(HttpMethod.Get, "/api/v3/order", ("symbol", "BTCUSDC"), ("origClientOrderId", "unknown-1"));
        order.GetProperty("status").GetString().Should().Be("NEW", "the order exists although the client was told nothing");
        _sim.Faults.UnknownOutcomeOrders.Should().Be(1);
    }

    [Fact]
    public async Task A_skewed_server_clock_shows_in_time_and_refuses_requests_stamped_by_the_client_clock()
    {
        _sim.Faults.Plan = FaultPlan.Parse("skew=+10s");
        using var client = new SignedClient(_sim.RestUrl);
        JsonElement time = await client.JsonAsync(HttpMethod.Get, "/api/v3/time");
        (time.GetProperty("serverTime").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).Should().BeInRange(9_000, 10_000);
        (await client.ErrorAsync(HttpMethod.Get, "/api/v3/account")).Body.GetProperty("code").GetInt32().Should().Be(700003);
        client.Timestamp = () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 10_000;
        (await client.JsonAsync(HttpMethod.Get, "/api/v3/account")).GetProperty("canTrade").GetBoolean().Should().BeTrue("a client that syncs to serverTime is served");
    }

    private async Task<StreamClient> Subscribed(string channel)
    {
        StreamClient client = await StreamClient.ConnectAsync(_sim.WsUrl);
        await client.SubscribeAsync(1, channel);
        (await client.ReplyAsync()).GetProperty("msg").GetString().Should().Be(channel);
        return client;
    }

    private static async Task<MexcDecodeResultAndEvent> NextDiff(StreamClient client)
    {
        (MexcDecodeResult result, StreamClient.Collector decoded) = client.Decode((await client.ReceiveAsync())!.Frame!);
        result.Body.Should().Be(MexcBody.PublicAggreDepths);
        return new MexcDecodeResultAndEvent(decoded.Events[0].FirstUpdateId, decoded.Events[0].LastUpdateId);
    }

    private readonly record struct MexcDecodeResultAndEvent(long From, long To);
}
