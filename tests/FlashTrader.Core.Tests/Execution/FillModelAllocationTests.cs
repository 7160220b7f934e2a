using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Execution;

public sealed class FillModelAllocationTests
{
    [Theory]
    [InlineData("RiskAverse")]
    [InlineData("Probabilistic")]
    public void Once_warmed_up_the_fill_model_allocates_nothing_per_event(string model)
    {
        // Two orders rest in the queue at 99 and 102 while depth moves their levels, trades consume the queue ahead,
        // and small market orders travel 5 ms each way and take liquidity.
        PaperExchange exchange = Exchanges.Btc(Exchanges.Model(model, entryMs: 5, responseMs: 5), usdc: 1_000_000m, btc: 1_000m);
        var reports = new List<ExecutionReport>(256);
        exchange.Submit(Exchanges.Order(1, Side.Buy, "1000", OrderType.Limit, TimeInForce.Gtc, "99"), Events.At(0), reports);
        exchange.Submit(Exchanges.Order(2, Side.Sell, "900", OrderType.Limit, TimeInForce.Gtc, "102"), Events.At(0), reports);
        MarketEvent[] events = [.. Enumerable.Range(0, 1_000).Select(Event)];
        long orderId = 10;
        long time = 0;
        long updateId = 100;

        void Pass()
        {
            foreach (MarketEvent e in events)
            {
                MarketEvent ev = e;
                time += 1;
                reports.Clear();
                exchange.OnMarketEvent(Shift(ev, time, ev.Kind == MarketEventKind.DepthDiff ? ++updateId : 0), reports);
                if (time % 10 == 0)
                {
                    exchange.Submit(Exchanges.Order(++orderId, time % 20 == 0 ? Side.Buy : Side.Sell, "0.01"), exchange.LastSeenNs, reports);
                }
            }
        }

        Pass();
        Pass();
        long fills = exchange.FillCount;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Pass();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0, "1,000 events with resting orders in the queue and orders in flight");
        (exchange.FillCount - fills).Should().BeGreaterThan(100, "the measured pass fills orders too");
        exchange.OpenOrders.Should().HaveCount(2);
    }

    private static MarketEvent Event(int i) => (i % 4) switch
    {
        0 => Events.Diff(0, 0, bids: $"{1 + (i % 7)}@99", asks: "0.5@100"),
        1 => Events.Trade("99", "0.3", Side.Sell, tradeId: i),
        2 => Events.Diff(0, 0, asks: $"{2 + (i % 5)}@102, 3@101"),
        _ => Events.Trade("102", "0.2", Side.Buy, tradeId: i),
    };

    private static MarketEvent Shift(in MarketEvent ev, long ms, long updateId) => ev.Kind == MarketEventKind.Trade
        ? MarketEvent.Trade(0, Events.At(ms), Events.At(ms), ev.Price, ev.Quantity, ev.Side, ev.TradeId)
        : MarketEvent.DepthDiff(0, Events.At(ms), Events.At(ms), updateId, updateId, ev.Levels);
}
