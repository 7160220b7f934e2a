using System.Globalization;
using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Simulator.Tests.TestData;

namespace FlashTrader.Mexc.Simulator.Tests.Exchange;

/// <summary>
/// Orders over signed REST, matched against the replayed book (paused at the synced sample books, so the book a test
/// reads is the book its order meets). BTCUSDC charges a 0.0002 taker fee in USDC; ETHUSDC none.
/// </summary>
public sealed class OrderMatchingTests : IAsyncLifetime
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
    public async Task A_MARKET_buy_by_quantity_takes_the_best_asks_in_price_order_and_pays_the_taker_fee_in_quote()
    {
        List<PriceLevel> asks = _sim.BookOf("BTCUSDC").Asks;
        Fixed8 second = Fixed8.FromRaw(asks[1].Quantity.Raw / 2).TruncateTo(6);
        Fixed8 quantity = asks[0].Quantity + second;
        JsonElement placed = await Order("BTCUSDC", "BUY", "MARKET", ("quantity", quantity.ToString()));
        string orderId = placed.GetProperty("orderId").GetString()!;
        orderId.Should().MatchRegex("^C02__[0-9]{21}$");
        placed.GetProperty("type").GetString().Should().Be("MARKET");

        decimal cost = Fixed8.Multiply(asks[0].Price, asks[0].Quantity) + Fixed8.Multiply(asks[1].Price, second);
        JsonElement trades = await _client.JsonAsync(HttpMethod.Get, "/api/v3/myTrades", ("symbol", "BTCUSDC"));
        trades.EnumerateArray().Select(t => (Fixed8.Parse(t.GetProperty("price").GetString()!), Fixed8.Parse(t.GetProperty("qty").GetString()!)))
            .Should().Equal((asks[0].Price, asks[0].Quantity), (asks[1].Price, second));
        trades.EnumerateArray().Should().OnlyContain(t => !t.GetProperty("isMaker").GetBoolean() && t.GetProperty("commissionAsset").GetString() == "USDC");

        JsonElement order = await _client.JsonAsync(HttpMethod.Get, "/api/v3/order", ("symbol", "BTCUSDC"), ("orderId", orderId));
        order.GetProperty("status").GetString().Should().Be("FILLED");
        Fixed8.Parse(order.GetProperty("executedQty").GetString()!).Should().Be(quantity);
        Dec(order.GetProperty("cummulativeQuoteQty")).Should().Be(cost);

        (await Balance("BTC")).Should().Be((1m + quantity.ToDecimal(), 0m));
        (await Balance("USDC")).Should().Be((100_000m - cost - (cost * 0.0002m), 0m));
    }

    [Fact]
    public async Task A_MARKET_buy_by_quoteOrderQty_spends_at_most_that_amount_in_whole_quantity_steps()
    {
        List<PriceLevel> asks = _sim.BookOf("ETHUSDC").Asks;
        JsonElement placed = await Order("ETHUSDC", "BUY", "MARKET", ("quoteOrderQty", "1000"));
        JsonElement order = await _client.JsonAsync(HttpMethod.Get, "/api/v3/order", ("symbol", "ETHUSDC"), ("orderId", placed.GetProperty("orderId").GetString()!));
        order.GetProperty("status").GetString().Should().Be("FILLED");
        Dec(order.GetProperty("origQuoteOrderQty")).Should().Be(1000m);
        decimal spent = Dec(order.GetProperty("cummulativeQuoteQty"));
        decimal bought = Dec(order.GetProperty("executedQty"));
        spent.Should().BeLessThanOrEqualTo(1000m).And.BeGreaterThan(1000m - (asks[0].Price.ToDecimal() * 0.00001m));
        decimal.Round(bought, 5).Should().Be(bought, "ETHUSDC quantities have 5 decimals");
        (await Balance("ETH")).Should().Be((10m + bought, 0m));
        (await Balance("USDC")).Should().Be((100_000m - spent, 0m));
    }

    [Fact]
    public async Task A_MARKET_sell_takes_the_best_bids()
    {
        List<PriceLevel> bids = _sim.BookOf("ETHUSDC").Bids;
        Fixed8 quantity = Fixed8.Min(bids[0].Quantity, Fixed8.Parse("0.5")).TruncateTo(5);
        await Order("ETHUSDC", "SELL", "MARKET", ("quantity", quantity.ToString()));
        (await Balance("ETH")).Should().Be((10m - quantity.ToDecimal(), 0m));
        (await Balance("USDC")).Should().Be((100_000m + Fixed8.Multiply(bids[0].Price, quantity), 0m));
    }

    [Fact]
    public async Task A_LIMIT_buy_through_the_ask_takes_what_crosses_and_rests_the_rest_holding_its_quote_until_canceled()
    {
        PriceLevel best = _sim.BookOf("ETHUSDC").Asks[0];
        Fixed8 quantity = best.Quantity + Fixed8.Parse("2");
        JsonElement placed = await Order("ETHUSDC", "BUY", "LIMIT", ("quantity", quantity.ToString()), ("price", best.Price.ToString()), ("newClientOrderId", "mine-1"));
        string orderId = placed.GetProperty("orderId").GetString()!;
        JsonElement open = await _client.JsonAsync(HttpMethod.Get, "/api/v3/openOrders", ("symbol", "ETHUSDC"));
        open.GetArrayLength().Should().Be(1);
        open[0].GetProperty("status").GetString().Should().Be("PARTIALLY_FILLED");
        open[0].GetProperty("clientOrderId").GetString().Should().Be("mine-1");
        Fixed8.Parse(open[0].GetProperty("executedQty").GetString()!).Should().Be(best.Quantity);
        decimal takerCost = Fixed8.Multiply(best.Price, best.Quantity);
        decimal held = best.Price.ToDecimal() * 2m;
        (await Balance("USDC")).Should().Be((100_000m - takerCost - held, held));

        JsonElement canceled = await _client.JsonAsync(HttpMethod.Delete, "/api/v3/order", ("symbol", "ETHUSDC"), ("origClientOrderId", "mine-1"));
        canceled.GetProperty("status").GetString().Should().Be("PARTIALLY_CANCELED");
        canceled.GetProperty("orderId").GetString().Should().Be(orderId);
        (await Balance("USDC")).Should().Be((100_000m - takerCost, 0m));
        (await _client.JsonAsync(HttpMethod.Get, "/api/v3/openOrders", ("symbol", "ETHUSDC"))).GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_LIMIT_MAKER_that_would_take_is_refused_and_one_that_would_not_rests()
    {
        (long _, List<PriceLevel> bids, List<PriceLevel> asks) = _sim.BookOf("BTCUSDC");
        (int status, JsonElement refused) = await _client.ErrorAsync(HttpMethod.Post, "/api/v3/order",
            ("symbol", "BTCUSDC"), ("side", "BUY"), ("type", "LIMIT_MAKER"), ("quantity", "0.01"), ("price", asks[0].Price.ToString()));
        status.Should().Be(400);
        refused.GetProperty("code").GetInt32().Should().Be(30010);
        refused.GetProperty("msg").GetString().Should().Contain("would immediately match and take");

        await Order("BTCUSDC", "SELL", "LIMIT_MAKER", ("quantity", "0.01"), ("price", (asks[0].Price + Fixed8.Parse("100")).ToString()));
        JsonElement open = await _client.JsonAsync(HttpMethod.Get, "/api/v3/openOrders", ("symbol", "BTCUSDC"));
        open[0].GetProperty("status").GetString().Should().Be("NEW");
        open[0].GetProperty("type").GetString().Should().Be("LIMIT_MAKER");
        (await Balance("BTC")).Should().Be((0.99m, 0.01m));
        bids.Should().NotBeEmpty();
    }

    [Fact]
    public async Task IMMEDIATE_OR_CANCEL_fills_what_crosses_at_once_and_cancels_the_rest()
    {
        PriceLevel best = _sim.BookOf("ETHUSDC").Bids[0];
        Fixed8 quantity = best.Quantity + Fixed8.Parse("1");
        JsonElement placed = await Order("ETHUSDC", "SELL", "IMMEDIATE_OR_CANCEL", ("quantity", quantity.ToString()), ("price", best.Price.ToString()));
        JsonElement order = await _client.JsonAsync(HttpMethod.Get, "/api/v3/order", ("symbol", "ETHUSDC"), ("orderId", placed.GetProperty("orderId").GetString()!));
        order.GetProperty("status").GetString().Should().Be("PARTIALLY_CANCELED");
        Fixed8.Parse(order.GetProperty("executedQty").GetString()!).Should().Be(best.Quantity);
        (await Balance("ETH")).Should().Be((10m - best.Quantity.ToDecimal(), 0m));
    }

    [Fact]
    public async Task FILL_OR_KILL_fills_completely_or_not_at_all()
    {
        PriceLevel best = _sim.BookOf("ETHUSDC").Asks[0];
        JsonElement killed = await Order("ETHUSDC", "BUY", "FILL_OR_KILL", ("quantity", (best.Quantity + Fixed8.Parse("1")).ToString()), ("price", best.Price.ToString()));
        JsonElement filled = await Order("ETHUSDC", "BUY", "FILL_OR_KILL", ("quantity", best.Quantity.ToString()), ("price", best.Price.ToString()));
        (await Status("ETHUSDC", killed)).Should().Be("CANCELED");
        (await Status("ETHUSDC", filled)).Should().Be("FILLED");
        (await Balance("ETH")).Should().Be((10m + best.Quantity.ToDecimal(), 0m));
    }

    [Fact]
    public async Task Orders_the_account_cannot_pay_for_are_refused_with_10101_and_30005()
    {
        (int _, JsonElement buy) = await _client.ErrorAsync(HttpMethod.Post, "/api/v3/order", ("symbol", "BTCUSDC"), ("side", "BUY"), ("type", "MARKET"), ("quantity", "5"));
        buy.GetProperty("code").GetInt32().Should().Be(10101);
        (int _, JsonElement sell) = await _client.ErrorAsync(HttpMethod.Post, "/api/v3/order", ("symbol", "BTCUSDC"), ("side", "SELL"), ("type", "LIMIT"), ("quantity", "2"), ("price", "90000"));
        sell.GetProperty("code").GetInt32().Should().Be(30005);
        (int _, JsonElement small) = await _client.ErrorAsync(HttpMethod.Post, "/api/v3/order", ("symbol", "BTCUSDC"), ("side", "SELL"), ("type", "LIMIT"), ("quantity", "0.00001"), ("price", "90000"));
        small.GetProperty("code").GetInt32().Should().Be(30002);
        (int _, JsonElement missing) = await _client.ErrorAsync(HttpMethod.Post, "/api/v3/order", ("symbol", "BTCUSDC"), ("side", "SELL"), ("type", "LIMIT"), ("quantity", "0.01"));
        missing.GetProperty("msg").GetString().Should().Be("Parameter 'price' is required for a LIMIT order");
        (await Balance("BTC")).Should().Be((1m, 0m));
    }

    [Fact]
    public async Task Order_test_validates_without_placing_and_unknown_orders_answer_minus_2011()
    {
        using HttpResponseMessage test = await _client.SendAsync(HttpMethod.Post, "/api/v3/order/test", ("symbol", "BTCUSDC"), ("side", "BUY"), ("type", "LIMIT"), ("quantity", "0.01"), ("price", "1000"));
        (await test.Content.ReadAsStringAsync()).Should().Be("{}");
        _sim.Orders().Should().BeEmpty();
        (await _client.ErrorAsync(HttpMethod.Get, "/api/v3/order", ("symbol", "BTCUSDC"), ("orderId", "C02__1"))).Body.GetProperty("code").GetInt32().Should().Be(-2011);
        (await _client.ErrorAsync(HttpMethod.Delete, "/api/v3/order", ("symbol", "BTCUSDC"), ("orderId", "C02__1"))).Body.GetProperty("code").GetInt32().Should().Be(-2011);
    }

    [Fact]
    public async Task Cancel_all_open_orders_of_a_symbol_releases_every_hold()
    {
        await Order("BTCUSDC", "BUY", "LIMIT", ("quantity", "0.01"), ("price", "50000"));
        await Order("BTCUSDC", "BUY", "LIMIT", ("quantity", "0.02"), ("price", "49000"));
        (await Balance("USDC")).Should().Be((100_000m - 500m - 980m, 1480m));
        JsonElement canceled = await _client.JsonAsync(HttpMethod.Delete, "/api/v3/openOrders", ("symbol", "BTCUSDC"));
        canceled.EnumerateArray().Select(o => o.GetProperty("status").GetString()).Should().Equal("CANCELED", "CANCELED");
        (await Balance("USDC")).Should().Be((100_000m, 0m));
    }

    [Fact]
    public async Task A_resting_LIMIT_order_fills_as_maker_at_its_price_when_the_replayed_market_trades_through_it()
    {
        PriceLevel bid = _sim.BookOf("BTCUSDC").Bids[0];
        JsonElement placed = await Order("BTCUSDC", "BUY", "LIMIT", ("quantity", "0.001"), ("price", bid.Price.ToString()));
        _sim.StartReplay();
        await _sim.ReplayCompleted.WaitAsync(TimeSpan.FromMinutes(2));

        (await Status("BTCUSDC", placed)).Should().Be("FILLED");
        JsonElement trades = await _client.JsonAsync(HttpMethod.Get, "/api/v3/myTrades", ("symbol", "BTCUSDC"));
        trades.EnumerateArray().Should().OnlyContain(t => t.GetProperty("isMaker").GetBoolean() && Fixed8.Parse(t.GetProperty("price").GetString()!) == bid.Price);
        trades.EnumerateArray().Sum(t => Dec(t.GetProperty("qty"))).Should().Be(0.001m);
        (await Balance("USDC")).Should().Be((100_000m - Fixed8.Multiply(bid.Price, Fixed8.Parse("0.001")), 0m), "the maker fee is 0");
    }

    private async Task<JsonElement> Order(string symbol, string side, string type, params (string, string)[] more) =>
        await _client.JsonAsync(HttpMethod.Post, "/api/v3/order", [("symbol", symbol), ("side", side), ("type", type), .. more]);

    private async Task<string> Status(string symbol, JsonElement placed) =>
        (await _client.JsonAsync(HttpMethod.Get, "/api/v3/order", ("symbol", symbol), ("orderId", placed.GetProperty("orderId").GetString()!)))
        .GetProperty("status").GetString()!;

    private async Task<(decimal Free, decimal Locked)> Balance(string asset)
    {
        JsonElement account = await _client.JsonAsync(HttpMethod.Get, "/api/v3/account");
        JsonElement b = account.GetProperty("balances").EnumerateArray().First(b => b.GetProperty("asset").GetString() == asset);
        return (Dec(b.GetProperty("free")), Dec(b.GetProperty("locked")));
    }

    private static decimal Dec(JsonElement text) => decimal.Parse(text.GetString()!, CultureInfo.InvariantCulture);
}
