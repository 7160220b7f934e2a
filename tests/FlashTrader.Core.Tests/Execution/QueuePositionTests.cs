using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Execution;

/// <summary>A buy of 1 resting at 99, where 1 is displayed when it joins; no latency.</summary>
public sealed class QueuePositionTests
{
    private static (PaperExchange Exchange, List<ExecutionReport> Reports) Resting(string model, int seed = 42)
    {
        PaperExchange exchange = Exchanges.Btc(Exchanges.Model(model), seed: seed);
        var reports = new List<ExecutionReport>();
        exchange.Submit(Exchanges.Order(1, Side.Buy, "1", OrderType.Limit, TimeInForce.Gtc, "99"), Events.At(0), reports);
        return (exchange, reports);
    }

    [Theory]
    [InlineData("RiskAverse", "1")]
    [InlineData("Probabilistic", "1")]
    [InlineData("Touch", "0")]
    public void A_resting_order_joins_behind_the_displayed_size_at_its_price(string model, string ahead)
    {
        (PaperExchange exchange, _) = Resting(model);

        exchange.OpenOrders.Should().ContainSingle().Which.QueueAhead.ToString().Should().Be(ahead);
    }

    [Fact]
    public void Orders_joining_behind_us_do_not_change_our_place()
    {
        (PaperExchange exchange, List<ExecutionReport> reports) = Resting("RiskAverse");

        exchange.OnMarketEvent(Events.Diff(101, 101, bids: "4@99", atMs: 1), reports);
        exchange.OnMarketEvent(Events.Trade("99", "1", Side.Sell, atMs: 2), reports);

        reports.Where(r => r.IsFill).Should().BeEmpty("exactly the 1 ahead of us traded");
        exchange.OnMarketEvent(Events.Trade("99", "0.25", Side.Sell, atMs: 3), reports);
        Exchanges.Fills(reports).Should().Be("0.25@99");
    }

    [Fact]
    public void The_queue_ahead_is_not_double_counted_when_the_depth_update_follows_the_trade()
    {
        (PaperExchange exchange, List<ExecutionReport> reports) = Resting("Probabilistic");
        exchange.OnMarketEvent(Events.Diff(101, 101, bids: "3@99", atMs: 1), reports);

        // 0.6 trades, then the depth shows the level 0.6 smaller: nothing was canceled, so the draw is never made.
        exchange.OnMarketEvent(Events.Trade("99", "0.6", Side.Sell, atMs: 2), reports);
        exchange.OnMarketEvent(Events.Diff(102, 102, bids: "2.4@99", atMs: 3), reports);

        exchange.OpenOrders.Single().QueueAhead.ToString().Should().Be("0.4");
    }

    [Fact]
    public void Cancellations_ahead_advance_a_probabilistic_order_in_proportion_to_its_depth_and_never_a_risk_averse_one()
    {
        // 1 ahead of us, then 2 join behind (level 3); 0.5 is canceled. Ahead of us with probability 1/3: then a trade of
        // 0.6 reaches us (0.1 filled); otherwise it does not.
        int Advanced(string model) => Enumerable.Range(0, 600).Count(seed =>
        {
            (PaperExchange exchange, List<ExecutionReport> reports) = Resting(model, seed);
            exchange.OnMarketEvent(Events.Diff(101, 101, bids: "3@99", atMs: 1), reports);
            exchange.OnMarketEvent(Events.Diff(102, 102, bids: "2.5@99", atMs: 2), reports);
            exchange.OnMarketEvent(Events.Trade("99", "0.6", Side.Sell, atMs: 3), reports);
            return reports.Any(r => r.IsFill);
        });

        Advanced("RiskAverse").Should().Be(0);
        Advanced("Probabilistic").Should().BeInRange(170, 230, "about a third of 600 seeded runs");
    }
}
