using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.Rest.Models;
using FlashTrader.Mexc.Signing;

namespace FlashTrader.Mexc.Tests.Rest;

public class NewOrderRequestTests
{
    private static Fixed8 F(string text) => Fixed8.Parse(text);

    [Fact]
    public void Parameters_are_written_in_the_documented_order_with_exact_decimals()
    {
        var query = new MexcQueryString();

        new NewOrderRequest("BTCUSDC", Side.Sell, SpotOrderType.ImmediateOrCancel, F("0.00012300"), F("61837.60")).WriteTo(query, "ft-1");

        query.ToString().Should().Be("symbol=BTCUSDC&side=SELL&type=IMMEDIATE_OR_CANCEL&quantity=0.000123&price=61837.6&newClientOrderId=ft-1");
    }

    [Fact]
    public void The_documented_test_vector_is_reproduced_from_an_order_request()
    {
        var query = new MexcQueryString();
        var order = new NewOrderRequest("BTCUSDT", Side.Buy, SpotOrderType.Limit, F("1"), F("11"));

        // The doc's vector has no client order id: write the order's own fields, then the signing fields.
        query.Add("symbol", order.Symbol).Add("side", "BUY").Add("type", NewOrderRequest.TypeName(order.Type))
            .Add("quantity", order.Quantity!.Value.ToString()).Add("price", order.Price!.Value.ToString())
            .Add("recvWindow", 5000).Add("timestamp", 1644489390087);

        new MexcRequestSigner("45d0b3c26f2644f19bfb98b07741b2f5").Sign(query.ToString())
            .Should().Be("fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a");
    }

    public static TheoryData<NewOrderRequest, string> Invalid() => new()
    {
        { new("", Side.Buy, SpotOrderType.Limit, F("1"), F("1")), "Symbol must not be empty" },
        { new("BTCUSDC", Side.None, SpotOrderType.Limit, F("1"), F("1")), "Side must be Buy or Sell, not None" },
        { new("BTCUSDC", Side.Buy, (SpotOrderType)9, F("1"), F("1")), "Type 9 is not an order type" },
        { new("BTCUSDC", Side.Buy, SpotOrderType.Limit, F("0"), F("1")), "Quantity must be greater than 0, got 0" },
        { new("BTCUSDC", Side.Buy, SpotOrderType.Limit, F("1"), F("-1")), "Price must be greater than 0, got -1" },
        { new("BTCUSDC", Side.Buy, SpotOrderType.FillOrKill, F("1")), "a FillOrKill order needs Quantity and Price (and no QuoteOrderQuantity)" },
        { new("BTCUSDC", Side.Buy, SpotOrderType.Market), "a MARKET order needs exactly one of Quantity and QuoteOrderQuantity" },
        { new("BTCUSDC", Side.Buy, SpotOrderType.Market, F("1"), QuoteOrderQuantity: F("5")), "a MARKET order needs exactly one of Quantity and QuoteOrderQuantity" },
        { new("BTCUSDC", Side.Buy, SpotOrderType.Market, F("1"), F("2")), "a MARKET order takes no Price" },
        { new("BTCUSDC", Side.Buy, SpotOrderType.Limit, F("1"), F("1"), ClientOrderId: "has space"), "ClientOrderId 'has space' must be 1 to 36 characters of A-Z a-z 0-9 . : / _ -" },
        { new("BTCUSDC", Side.Buy, SpotOrderType.Limit, F("1"), F("1"), ClientOrderId: new string('a', 37)), $"ClientOrderId '{new string('a', 37)}' must be 1 to 36 characters of A-Z a-z 0-9 . : / _ -" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_order_says_what_is_wrong(NewOrderRequest order, string problem)
    {
        order.Validate().Should().Be(problem);
    }

    [Fact]
    public void Valid_orders_of_every_type_pass()
    {
        NewOrderRequest[] orders =
        [
            new("BTCUSDC", Side.Buy, SpotOrderType.Limit, F("0.001"), F("60000"), ClientOrderId: "ft.A:b/c_d-e"),
            new("BTCUSDC", Side.Sell, SpotOrderType.LimitMaker, F("0.001"), F("60000")),
            new("BTCUSDC", Side.Buy, SpotOrderType.ImmediateOrCancel, F("0.001"), F("60000")),
            new("BTCUSDC", Side.Buy, SpotOrderType.FillOrKill, F("0.001"), F("60000")),
            new("BTCUSDC", Side.Buy, SpotOrderType.Market, F("0.001")),
            new("BTCUSDC", Side.Buy, SpotOrderType.Market, QuoteOrderQuantity: F("10")),
        ];

        orders.Select(o => o.Validate()).Should().AllSatisfy(p => p.Should().BeNull());
    }
}
