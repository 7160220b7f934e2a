using FlashTrader.Core.Configuration;
using FlashTrader.Mexc.Tests.TestData;
using FlashTrader.Mexc.WebSocket;
using FlashTrader.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashTrader.Mexc.Tests.WebSocket;

/// <summary>The client against a loopback MEXC server: subscription, control replies, keep-alive, recovery and rotation.</summary>
public sealed class MexcWebSocketClientTests : IAsyncLifetime, IDisposable
{
    private const string Deals = "spot@public.aggre.deals.v3.api.pb@10ms@BTCUSDC";
    private const string Depth = "spot@public.aggre.depth.v3.api.pb@10ms@BTCUSDC";
    private readonly CollectingFrameHandler _handler = new();
    private readonly CancellationTokenSource _stop = new();
    private LoopbackMexcServer _server = null!;
    private MexcWebSocketClient? _client;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync() => _server = await LoopbackMexcServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _stop.Dispose();
        _client?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Subscribes_all_its_channels_in_one_SUBSCRIPTION_records_the_acks_and_hands_over_binary_frames_verbatim()
    {
        Start([Deals, Depth], new MexcWebSocketOptions(), TimeProvider.System);
        await LoopbackMexcServer.WaitUntilAsync(() => _client!.AcknowledgedChannels.Count == 2, "two acks");

        LoopbackMexcServer.ServerConnection connection = _server.Connections.Should().ContainSingle().Subject;
        connection.Received.Should().Equal("{\"method\":\"SUBSCRIPTION\",\"params\":[\"" + Deals + "\",\"" + Depth + "\"],\"id\":1}");
        _client!.AcknowledgedChannels.Should().BeEquivalentTo([Deals, Depth]);
        byte[] frame = PushFrames.Trade(Deals, "BTCUSDC", 1);
        long before = (DateTimeOffset.UtcNow.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        (await _server.PushAsync(Deals, frame)).Should().Be(1);
        await LoopbackMexcServer.WaitUntilAsync(() => _handler.Frames.Count == 1, "the frame");

        _handler.Frames[0].Should().Equal(frame);
        _handler.ReceiveTimes[0].Should().BeGreaterThanOrEqualTo(before);
        _client.FramesDelivered.Should().Be(1);
        _client.BytesDelivered.Should().Be(frame.Length);
        _client.ConnectionCount.Should().Be(1);
    }

    [Fact]
    public async Task More_than_30_channels_are_spread_over_two_connections_of_at_most_30()
    {
        string[] channels = [.. Enumerable.Range(0, 31).Select(i => $"spot@public.kline.v3.api.pb@SYM{i}USDC@Min1")];
        Start(channels, new MexcWebSocketOptions(), TimeProvider.System);
        await LoopbackMexcServer.WaitUntilAsync(() => _client!.AcknowledgedChannels.Count == 31, "31 acks");

        _client!.ConnectionCount.Should().Be(2);
        _server.Connections.Select(c => c.Subscriptions.Count).Should().BeEquivalentTo([30, 1]);
        _server.Connections.SelectMany(c => c.Subscriptions).Should().BeEquivalentTo(channels);
    }

    [Fact]
    public async Task Pings_every_ping_interval_and_counts_the_pongs()
    {
        var time = new ManualTimeProvider();
        Start([Deals], new MexcWebSocketOptions { PingIntervalMs = 20_000, StaleTimeoutMs = 600_000 }, time);
        await LoopbackMexcServer.WaitUntilAsync(() => _client!.AcknowledgedChannels.Count == 1, "the ack");
        LoopbackMexcServer.ServerConnection connection = _server.Connections.Single();

        time.Advance(TimeSpan.FromSeconds(19.999));
        await Task.Delay(50);
        connection.Pings.Should().Be(0);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await LoopbackMexcServer.WaitUntilAsync(() => _client!.PongsReceived == 1, "the first pong");
        time.Advance(TimeSpan.FromSeconds(20));
        await LoopbackMexcServer.WaitUntilAsync(() => _client!.PongsReceived == 2, "the second pong");

        connection.Pings.Should().Be(2);
        connection.Received.Skip(1).Should().Equal("{\"method\":\"PING\"}", "{\"method\":\"PING\"}");
        _client!.PingsSent.Should().Be(2);
        _client.Reconnects.Should().Be(0);
    }

    [Fact]
    public async Task A_stale_feed_is_dropped_then_reconnected_after_a_backoff_and_resubscribed()
    {
        var time = new ManualTimeProvider();
        Start([Deals, Depth], new MexcWebSocketOptions { StaleTimeoutMs = 4_000, ReconnectInitialDelayMs = 500 }, time);
        await LoopbackMexcServer.WaitUntilAsync(() => _client!.AcknowledgedChannels.Count == 2, "the acks");
        await _server.PushAsync(Deals, PushFrames.Trade(Deals, "BTCUSDC", 1));
        await LoopbackMexcServer.WaitUntilAsync(() => _handler.Frames.Count == 1, "the first frame");

        // Data arrived at t=0: the 1 s checks up to 3 s find it fresh; the one at 4 s finds the feed stale.
        time.Advance(TimeSpan.FromSeconds(3.9));
        await Task.Delay(50);
        _server.Connections.Single().IsOpen.Should().BeTrue();
        time.Advance(TimeSpan.FromSeconds(0.1));
        await LoopbackMexcServer.WaitUntilAsync(() => !_server.Connections.Single().IsOpen, "the stale connection to close");
        _client!.StaleDisconnects.Should().Be(1);

        // The reconnect waits 250..750 ms (500 ms ± 50 %) on the client's clock.
        await LoopbackMexcServer.WaitUntilAsync(() => _client.ScheduledReconnects == 1, "the reconnect to be scheduled");
        TimeSpan delay = _client.LastReconnectDelay;
        delay.TotalMilliseconds.Should().BeInRange(250, 750);
        time.Advance(delay - TimeSpan.FromMilliseconds(1));
        await Task.Delay(100);
        _server.Connections.Should().HaveCount(1, "no reconnect before the backoff has passed");
        time.Advance(TimeSpan.FromMilliseconds(1));
        await LoopbackMexcServer.WaitUntilAsync(() => _server.Connections.Count == 2 && _server.Connections[1].Subscriptions.Count == 2, "the resubscribed connection");

        _server.Connections[1].Subscriptions.Should().Equal(Deals, Depth);
        _client.Reconnects.Should().Be(1);
        _client.Connects.Should().Be(2);
        await _server.PushAsync(Deals, PushFrames.Trade(Deals, "BTCUSDC", 2));
        await LoopbackMexcServer.WaitUntilAsync(() => _handler.Frames.Count == 2, "a frame on the new connection");
    }

    [Fact]
    public async Task A_connection_the_server_drops_is_reconnected_and_resubscribed()
    {
        Start([Deals], new MexcWebSocketOptions { ReconnectInitialDelayMs = 1, ReconnectMaxDelayMs = 1 }, TimeProvider.System);
        await LoopbackMexcServer.WaitUntilAsync(() => _client!.AcknowledgedChannels.Count == 1, "the ack");

        _server.Connections.Single().Abort();
        await LoopbackMexcServer.WaitUntilAsync(() => _server.Connections.Count == 2 && _server.Connections[1].Subscriptions.Count == 1, "the reconnection");

        _client!.Reconnects.Should().Be(1);
        _client.StaleDisconnects.Should().Be(0);
    }

    [Fact]
    public async Task A_blocked_channel_is_reported_as_an_error_naming_the_channel()
    {
        const string plainDeals = "spot@public.deals.v3.api.pb@BTCUSDC";
        _server.BlockedChannels[plainDeals] = true;
        Start([Depth, plainDeals], new MexcWebSocketOptions(), TimeProvider.System);
        await LoopbackMexcServer.WaitUntilAsync(() => _handler.Refusals.Count == 1 && _client!.AcknowledgedChannels.Count == 1, "the refusal and the ack");

        MexcSubscriptionRefusedException refusal = _handler.Refusals.Single();
        refusal.Channel.Should().Be(plainDeals);
        refusal.Message.Should().Be($"MEXC refused the subscription to channel '{plainDeals}': Not Subscribed successfully! [{plainDeals}].  Reason： Blocked!");
        _client!.RefusedChannels.Should().Equal(plainDeals);
        _client.AcknowledgedChannels.Should().Equal(Depth);
    }

    [Fact]
    public async Task Rotation_opens_the_replacement_first_then_closes_the_old_connection_without_losing_or_repeating_a_frame()
    {
        var time = new ManualTimeProvider();
        Start([Deals], new MexcWebSocketOptions { RotateAfterMinutes = 60, StaleTimeoutMs = 7_200_000, PingIntervalMs = 55_000 }, time);
        await LoopbackMexcServer.WaitUntilAsync(() => _client!.AcknowledgedChannels.Count == 1, "the ack");
        byte[][] frames = [.. Enumerable.Range(1, 6).Select(n => PushFrames.Trade(Deals, "BTCUSDC", n))];
        await _server.PushAsync(Deals, frames[0]);
        await _server.PushAsync(Deals, frames[1]);
        await LoopbackMexcServer.WaitUntilAsync(() => _handler.Frames.Count == 2, "two frames");

        time.Advance(TimeSpan.FromMinutes(60));
        await LoopbackMexcServer.WaitUntilAsync(() => _server.Connections.Count == 2 && _server.Connections[1].Subscriptions.Count == 1, "the replacement");
        _server.Connections[0].IsOpen.Should().BeTrue("the old connection stays until the new one delivers");

        // During the overlap both connections carry the same pushes.
        (await _server.PushAsync(Deals, frames[2])).Should().Be(2);
        (await _server.PushAsync(Deals, frames[3])).Should().Be(2);
        await LoopbackMexcServer.WaitUntilAsync(() => !_server.Connections[0].IsOpen, "the old connection to close");
        await _server.PushAsync(Deals, frames[4]);
        await _server.PushAsync(Deals, frames[5]);
        await LoopbackMexcServer.WaitUntilAsync(() => _handler.Frames.Count >= 6 && _client!.Rotations == 1, "six frames");
        await Task.Delay(50);

        string.Join(",", _handler.Frames.Select(f => Array.FindIndex(frames, x => x.AsSpan().SequenceEqual(f)) + 1)).Should().Be("1,2,3,4,5,6");
        _handler.Frames.Should().HaveCount(6);
        for (int i = 0; i < 6; i++)
        {
            _handler.Frames[i].Should().Equal(frames[i], $"frame {i + 1} arrives once, in order");
        }

        _client!.DuplicateFrames.Should().BeInRange(1, 2);
        _client.Reconnects.Should().Be(0);
        _client.Connects.Should().Be(2);
    }

    [Fact]
    public async Task Unsubscribe_sends_an_UNSUBSCRIPTION_on_the_connection_carrying_the_channel()
    {
        Start([Deals, Depth], new MexcWebSocketOptions(), TimeProvider.System);
        await LoopbackMexcServer.WaitUntilAsync(() => _client!.AcknowledgedChannels.Count == 2, "the acks");

        await _client!.UnsubscribeAsync(Depth);
        await LoopbackMexcServer.WaitUntilAsync(() => _server.Connections.Single().Subscriptions.Count == 1, "the unsubscription");

        _server.Connections.Single().Received[1].Should().Be("{\"method\":\"UNSUBSCRIPTION\",\"params\":[\"" + Depth + "\"],\"id\":2}");
        _server.Connections.Single().Subscriptions.Should().Equal(Deals);
        await _client.Invoking(c => c.UnsubscribeAsync("spot@nope")).Should().ThrowAsync<ArgumentException>().WithMessage("channel 'spot@nope' is not subscribed*");
    }

    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 1000)]
    [InlineData(3, 4000)]
    [InlineData(10, 30_000)]
    public void Reconnect_backoff_doubles_up_to_the_maximum_with_plus_or_minus_50_percent_jitter(int attempt, double nominalMs)
    {
        var client = new MexcWebSocketClient(new Uri("ws://127.0.0.1:1/ws"), [Deals], new MexcWebSocketOptions(), _handler, TimeProvider.System, NullLogger.Instance, random: new Random(7));
        TimeSpan[] delays = [.. Enumerable.Range(0, 200).Select(_ => client.Backoff(attempt, 500, 30_000))];

        delays.Should().OnlyContain(d => d.TotalMilliseconds >= nominalMs * 0.5 && d.TotalMilliseconds <= nominalMs * 1.5);
        delays.Min().TotalMilliseconds.Should().BeLessThan(nominalMs * 0.6);
        delays.Max().TotalMilliseconds.Should().BeGreaterThan(nominalMs * 1.4);
    }

    [Fact]
    public void Control_replies_are_told_apart_as_MEXC_sends_them()
    {
        MexcControlReply.Parse("{\"id\":0,\"code\":0,\"msg\":\"PONG\"}"u8).Kind.Should().Be(MexcControlReplyKind.Pong);
        MexcControlReply.Parse("{\"id\":0,\"code\":0,\"msg\":\"spot@x\"}"u8).Should().Be(new MexcControlReply(MexcControlReplyKind.Ack, 0, "spot@x", "spot@x"));
        MexcControlReply.Parse("{\"id\":0,\"code\":0,\"msg\":\"\"}"u8).Should().Be(new MexcControlReply(MexcControlReplyKind.Ack, 0, "", ""));
        MexcControlReply.Parse("{\"id\":3,\"code\":0,\"msg\":\"Not Subscribed successfully! [spot@y].  Reason： Blocked! \"}"u8).Channel.Should().Be("spot@y");
        MexcControlReply.Parse("{\"id\":3,\"code\":0,\"msg\":\"Not Subscribed successfully! [spot@y].  Reason： Blocked! \"}"u8).Kind.Should().Be(MexcControlReplyKind.Refused);
        MexcControlReply.Parse("{\"code\":700002,\"msg\":\"Signature for this request is not valid.\"}"u8).Should()
            .Be(new MexcControlReply(MexcControlReplyKind.Error, 700002, "Signature for this request is not valid.", ""));
        MexcControlReply.Parse("not json"u8).Should().Be(new MexcControlReply(MexcControlReplyKind.Unreadable, 0, "not json", ""));
        MexcControlReply.Parse("[1]"u8).Kind.Should().Be(MexcControlReplyKind.Unreadable);
    }

    private void Start(IReadOnlyList<string> channels, MexcWebSocketOptions options, TimeProvider time)
    {
        _client = new MexcWebSocketClient(_server.WsUrl, channels, options, _handler, time, NullLogger.Instance, random: new Random(1));
        _running = _client.RunAsync(_stop.Token);
    }
}
