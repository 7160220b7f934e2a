using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Simulator.Tests.TestData;

namespace FlashTrader.Mexc.Simulator.Tests.Streams;

/// <summary>Listen keys and the private orders, deals and account channels.</summary>
public sealed class PrivateStreamTests : IAsyncLifetime
{
    private MexcSimulator _sim = null!;
    private SignedClient _client = null!;

    public async Task InitializeAsync()
    {
        _sim = await MexcSimulator.StartAsync(Sample.Options());
        _client = new SignedClient(_sim.RestUrl);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task A_listen_key_connection_receives_the_order_its_fill_and_the_balances_that_moved()
    {
        string listenKey = (await _client.JsonAsync(HttpMethod.Post, "/api/v3/userDataStream")).GetProperty("listenKey").GetString()!;
        listenKey.Should().MatchRegex("^[0-9a-f]{64}$");
        (await _client.JsonAsync(HttpMethod.Put, "/api/v3/userDataStream", ("listenKey", listenKey))).GetProperty("listenKey").GetString().Should().Be(listenKey);

        await using StreamClient stream = await StreamClient.ConnectAsync(new Uri(_sim.WsUrl + "?listenKey=" + listenKey));
        await stream.SubscribeAsync(3, "spot@private.orders.v3.api.pb", "spot@private.deals.v3.api.pb", "spot@private.account.v3.api.pb");
        (await stream.ReplyAsync()).GetProperty("msg").GetString().Should().Be("spot@private.orders.v3.api.pb,spot@private.deals.v3.api.pb,spot@private.account.v3.api.pb");

        PriceLevel ask = _sim.BookOf("ETHUSDC").Asks[0];
        Fixed8 quantity = Fixed8.Min(ask.Quantity, Fixed8.Parse("0.1")).TruncateTo(5);
        JsonElement placed = await _client.JsonAsync(HttpMethod.Post, "/api/v3/order",
            ("symbol", "ETHUSDC"), ("side", "BUY"), ("type", "IMMEDIATE_OR_CANCEL"), ("quantity", quantity.ToString()), ("price", ask.Price.ToString()), ("newClientOrderId", "ioc-1"));
        string orderId = placed.GetProperty("orderId").GetString()!;

        var orders = new List<PrivateOrderUpdate>();
        var deals = new List<PrivateDeal>();
        var accounts = new List<PrivateAccountUpdate>();
        while (orders.Count < 1 || deals.Count < 1 || accounts.Count < 2)
        {
            (MexcDecodeResult result, StreamClient.Collector decoded) = stream.Decode((await stream.ReceiveAsync())!.Frame!);
            result.Status.Should().Be(MexcDecodeStatus.Decoded, result.Describe());
            orders.AddRange(decoded.Orders);
            deals.AddRange(decoded.Deals);
            accounts.AddRange(decoded.Accounts);
        }

        PrivateOrderUpdate order = orders.Single();
        order.OrderId.Should().Be(orderId);
        order.ClientOrderId.Should().Be("ioc-1");
        order.Status.Should().Be(MexcOrderStatus.Filled);
        order.OrderType.Should().Be(MexcOrderType.ImmediateOrCancel);
        order.CumulativeQuantity.Should().Be(quantity);
        order.LastDealQuantity.Should().Be(quantity);

        PrivateDeal deal = deals.Single();
        (deal.OrderId, deal.Price, deal.Quantity, deal.Side, deal.IsMaker, deal.FeeAsset).Should().Be((orderId, ask.Price, quantity, Side.Buy, false, "USDC"));
        accounts.Select(a => a.Asset).Should().Equal("USDC", "ETH");
        accounts[1].Balance.Should().Be(Fixed8.Parse("10") + quantity);
        accounts[0].Balance.ToDecimal().Should().Be(100_000m - Fixed8.Multiply(ask.Price, quantity));
    }

    [Fact]
    public async Task A_closed_or_unknown_listen_key_is_refused()
    {
        string listenKey = (await _client.JsonAsync(HttpMethod.Post, "/api/v3/userDataStream")).GetProperty("listenKey").GetString()!;
        await _client.JsonAsync(HttpMethod.Delete, "/api/v3/userDataStream", ("listenKey", listenKey));
        Func<Task> connect = () => StreamClient.ConnectAsync(new Uri(_sim.WsUrl + "?listenKey=" + listenKey));
        await connect.Should().ThrowAsync<System.Net.WebSockets.WebSocketException>();
        (await _client.ErrorAsync(HttpMethod.Put, "/api/v3/userDataStream", ("listenKey", listenKey))).Body.GetProperty("msg").GetString()
            .Should().Be("Parameter 'listenKey' does not exist or has expired");
    }
}
