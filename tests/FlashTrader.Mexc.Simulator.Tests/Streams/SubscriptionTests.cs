using System.Net.WebSockets;
using System.Text.Json;
using FlashTrader.Mexc.Simulator.Tests.TestData;

namespace FlashTrader.Mexc.Simulator.Tests.Streams;

/// <summary>The WebSocket control protocol: MEXC's JSON text replies, the subscription limit and the idle disconnects.</summary>
public sealed class SubscriptionTests : IAsyncLifetime
{
    private MexcSimulator _sim = null!;

    // The grace period must outlast connect + first reply on a loaded CI machine, or a refused channel's reply races the close;
    // the idle timeout must outlast the grace period, or an unsubscribed connection is closed for the wrong reason.
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(3);

    public async Task InitializeAsync() => _sim = await MexcSimulator.StartAsync(Sample.Options() with
    {
        SubscriptionGrace = Grace,
        IdleTimeout = Idle,
    });

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task A_subscription_is_acknowledged_with_the_channel_and_a_ping_with_PONG()
    {
        await using StreamClient client = await StreamClient.ConnectAsync(_sim.WsUrl);
        await client.SubscribeAsync(7, "spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDC");
        JsonElement ack = await client.ReplyAsync();
        ack.GetRawText().Should().Be("{\"id\":7,\"code\":0,\"msg\":\"spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDC\"}");
        await client.SendAsync("{\"method\":\"PING\"}");
        (await client.ReplyAsync()).GetRawText().Should().Be("{\"id\":0,\"code\":0,\"msg\":\"PONG\"}");
        await client.SendAsync("{\"method\":\"UNSUBSCRIPTION\",\"params\":[\"spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDC\"],\"id\":8}");
        (await client.ReplyAsync()).GetProperty("msg").GetString().Should().Be("spot@public.aggre.deals.v3.api.pb@100ms@BTCUSDC");
    }

    [Theory]
    [InlineData("spot@public.deals.v3.api.pb@100ms@BTCUSDC")]
    [InlineData("spot@public.aggre.depth.v3.api.pb@100ms@DOGEUSDC")]
    [InlineData("spot@public.limit.depth.v3.api.pb@BTCUSDC@7")]
    [InlineData("spot@private.orders.v3.api.pb")]
    public async Task Channels_not_served_to_this_connection_are_refused_with_MEXCs_Blocked_text(string channel)
    {
        await using StreamClient client = await StreamClient.ConnectAsync(_sim.WsUrl);
        await client.SubscribeAsync(1, channel);
        (await client.ReplyAsync()).GetProperty("msg").GetString().Should().Be($"Not Subscribed successfully! [{channel}].  Reason： Blocked! ");
    }

    [Fact]
    public async Task A_duplicate_subscription_is_acknowledged_with_an_empty_msg()
    {
        await using StreamClient client = await StreamClient.ConnectAsync(_sim.WsUrl);
        await client.SubscribeAsync(1, "spot@public.kline.v3.api.pb@ETHUSDC@Min1");
        (await client.ReplyAsync()).GetProperty("msg").GetString().Should().Be("spot@public.kline.v3.api.pb@ETHUSDC@Min1");
        await client.SubscribeAsync(2, "spot@public.kline.v3.api.pb@ETHUSDC@Min1");
        (await client.ReplyAsync()).GetRawText().Should().Be("{\"id\":2,\"code\":0,\"msg\":\"\"}");
    }

    [Fact]
    public async Task The_31st_subscription_of_a_connection_is_refused()
    {
        string[] channels =
        [
            .. new[] { "BTCUSDC", "ETHUSDC" }.SelectMany(s => new[] { "Min1", "Min5", "Min15", "Min30", "Min60", "Hour4", "Hour8", "Day1", "Week1", "Month1" }
                .Select(i => $"spot@public.kline.v3.api.pb@{s}@{i}")),
            .. new[] { "BTCUSDC", "ETHUSDC" }.SelectMany(s => new[] { "10ms", "100ms" }.SelectMany(w => new[]
            {
                $"spot@public.aggre.deals.v3.api.pb@{w}@{s}", $"spot@public.aggre.depth.v3.api.pb@{w}@{s}", $"spot@public.aggre.bookTicker.v3.api.pb@{w}@{s}",
            })),
        ];
        channels.Length.Should().Be(32);
        await using StreamClient client = await StreamClient.ConnectAsync(_sim.WsUrl);
        await client.SubscribeAsync(1, channels[..30]);
        (await client.ReplyAsync()).GetProperty("msg").GetString()!.Split(',').Should().HaveCount(30);
        await client.SubscribeAsync(2, channels[30]);
        (await client.ReplyAsync()).GetProperty("msg").GetString().Should()
            .Be($"Not Subscribed successfully! [{channels[30]}].  Reason： Exceeded the limit of 30 subscriptions per connection! ");
    }

    [Fact]
    public async Task A_connection_without_a_subscription_is_closed_after_the_grace_period()
    {
        await using StreamClient client = await StreamClient.ConnectAsync(_sim.WsUrl);
        (await client.ReceiveAsync(TimeSpan.FromSeconds(10))).Should().BeNull("the server closes the connection");
        client.Socket.CloseStatusDescription.Should().Be("no valid subscription");
    }

    [Fact]
    public async Task A_subscribed_connection_without_client_traffic_is_closed_but_pings_keep_it_open()
    {
        await using StreamClient quiet = await StreamClient.ConnectAsync(_sim.WsUrl);
        await using StreamClient pinging = await StreamClient.ConnectAsync(_sim.WsUrl);
        await quiet.SubscribeAsync(1, "spot@public.kline.v3.api.pb@BTCUSDC@Min1");
        await pinging.SubscribeAsync(1, "spot@public.kline.v3.api.pb@BTCUSDC@Min1");
        await quiet.ReplyAsync();
        await pinging.ReplyAsync();

        // Ping well inside the idle timeout for longer than it lasts; the quiet connection meanwhile goes past it.
        var pingingFor = System.Diagnostics.Stopwatch.StartNew();
        while (pingingFor.Elapsed < Idle + TimeSpan.FromMilliseconds(500))
        {
            await pinging.SendAsync("{\"method\":\"PING\"}");
            (await pinging.ReplyAsync()).GetProperty("msg").GetString().Should().Be("PONG");
            await Task.Delay(150);
        }

        (await quiet.ReceiveAsync(TimeSpan.FromSeconds(10))).Should().BeNull();
        quiet.Socket.CloseStatusDescription.Should().Be("no client traffic");
        pinging.Socket.State.Should().Be(WebSocketState.Open);
    }
}
