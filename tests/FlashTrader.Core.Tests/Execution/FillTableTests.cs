using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Execution;

/// <summary>
/// Book state + orders + tape -> fills, as a table. Every case starts from bids 1 @ 99, 2 @ 98 and asks 0.5 @ 100,
/// 3 @ 101, without latency. Steps: "buy|sell QTY TYPE [PRICE]" (TYPE: MARKET, GTC, IOC, FOK, MAKER), "trade PRICE QTY
/// buy|sell" (the aggressor), "bids|asks LEVELS" (a depth diff). Fills read "QTY@PRICE M|T" (maker or taker), in order.
/// </summary>
public sealed class FillTableTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // Aggressive orders walk the book, and never take what they took before from the same state of a level.
        { "market buy walks the asks", "RiskAverse", "buy 2 MARKET", "0.5@100 T, 1.5@101 T" },
        { "limit IOC stops at its price", "RiskAverse", "buy 2 IOC 100", "0.5@100 T" },
        { "FOK larger than the book fills nothing", "RiskAverse", "buy 4 FOK 101", "" },
        { "FOK within the book fills whole", "RiskAverse", "buy 3.5 FOK 101", "0.5@100 T, 3@101 T" },
        { "taken liquidity is not taken twice", "RiskAverse", "buy 1 MARKET; buy 3 MARKET", "0.5@100 T, 0.5@101 T, 2.5@101 T" },
        { "an unrelated diff does not refresh a level", "RiskAverse", "buy 0.5 MARKET; bids 2@99; buy 0.5 IOC 100", "0.5@100 T" },
        { "a changed level is offered afresh", "RiskAverse", "buy 0.5 MARKET; asks 0.7@100; buy 0.5 IOC 100", "0.5@100 T, 0.5@100 T" },

        // Resting orders: behind the displayed queue (risk-averse), first in line (touch).
        { "joins behind 1 displayed at 99: a 0.6 trade leaves it unfilled", "RiskAverse", "buy 1 GTC 99; trade 99 0.6 sell", "" },
        { "trades consume the queue ahead, then fill", "RiskAverse", "buy 1 GTC 99; trade 99 0.6 sell; trade 99 0.7 sell", "0.3@99 M" },
        { "touch fills on the first trade at the price", "Touch", "buy 1 GTC 99; trade 99 0.6 sell", "0.6@99 M" },
        { "buyers lifting asks never fill a resting bid", "RiskAverse", "buy 1 GTC 99; trade 99 5 buy", "" },
        { "a trade through the price fills regardless of the queue", "RiskAverse", "buy 1 GTC 99; trade 98.5 0.4 sell", "0.4@99 M" },
        { "cancellations ahead do not advance a risk-averse order", "RiskAverse", "buy 1 GTC 99; bids 0.5@99; trade 99 0.5 sell", "" },
        { "a level shrinking below the queue caps it", "RiskAverse", "buy 1 GTC 99; bids 0.2@99; trade 99 0.5 sell", "0.3@99 M" },
        { "asks coming down to the bid fill it once the bids ahead are gone", "RiskAverse", "buy 1 GTC 99; bids 0@99; asks 1.5@99", "1@99 M" },
        { "the same crossing level does not fill twice", "RiskAverse", "buy 2 GTC 99; bids 0@99; asks 1.5@99; bids 3@98", "1.5@99 M" },
        { "a crossing level that changes fills again", "RiskAverse", "buy 2 GTC 99; bids 0@99; asks 1.5@99; asks 1.8@99", "1.5@99 M, 0.5@99 M" },
        { "a GTC that crosses takes, then rests at the back", "RiskAverse", "buy 2 GTC 100; trade 100 0.9 sell", "0.5@100 T, 0.9@100 M" },
        { "a resting sell fills on buy trades", "RiskAverse", "sell 1 GTC 100.5; trade 100.5 1 buy", "1@100.5 M" },

        // LIMIT_MAKER rests as maker or is refused whole.
        { "a LIMIT_MAKER that would take is refused", "RiskAverse", "buy 1 MAKER 100; trade 100 5 sell", "" },
        { "a LIMIT_MAKER below the ask rests", "RiskAverse", "buy 1 MAKER 99.5; trade 99.5 1 sell", "1@99.5 M" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fills_follow_from_the_book_the_orders_and_the_tape(string name, string queueModel, string steps, string expected)
    {
        PaperExchange exchange = Exchanges.Btc(Exchanges.Model(queueModel), usdc: 10_000m, btc: 5m);
        var reports = new List<ExecutionReport>();
        long id = 0;
        long updateId = 100;
        double ms = 0;
        foreach (string step in steps.Split(';', StringSplitOptions.TrimEntries))
        {
            string[] p = step.Split(' ', 2);
            ms += 1;
            switch (p[0])
            {
                case "buy" or "sell":
                    exchange.Submit(Order(++id, p[0] == "buy" ? Side.Buy : Side.Sell, p[1]), Events.At(ms), reports);
                    break;
                case "trade":
                    string[] t = p[1].Split(' ');
                    exchange.OnMarketEvent(Events.Trade(t[0], t[1], t[2] == "buy" ? Side.Buy : Side.Sell, atMs: ms), reports);
                    break;
                case "bids":
                    updateId++;
                    exchange.OnMarketEvent(Events.Diff(updateId, updateId, bids: p[1], atMs: ms), reports);
                    break;
                case "asks":
                    updateId++;
                    exchange.OnMarketEvent(Events.Diff(updateId, updateId, asks: p[1], atMs: ms), reports);
                    break;
                default:
                    throw new FormatException($"case '{name}': unknown step '{step}'");
            }
        }

        string fills = string.Join(", ", reports.Where(r => r.IsFill).Select(r => $"{r.LastQuantity}@{r.LastPrice} {(r.Liquidity == Liquidity.Maker ? "M" : "T")}"));
        fills.Should().Be(expected, name);
    }

    private static OrderRequest Order(long id, Side side, string spec)
    {
        string[] p = spec.Split(' ');
        (OrderType type, TimeInForce tif) = p[1] switch
        {
            "MARKET" => (OrderType.Market, TimeInForce.Ioc),
            "GTC" => (OrderType.Limit, TimeInForce.Gtc),
            "IOC" => (OrderType.Limit, TimeInForce.Ioc),
            "FOK" => (OrderType.Limit, TimeInForce.Fok),
            "MAKER" => (OrderType.LimitMaker, TimeInForce.Gtc),
            _ => throw new FormatException($"unknown order type {p[1]}"),
        };
        return Exchanges.Order(id, side, p[0], type, tif, p.Length > 2 ? p[2] : "0") with { Price = p.Length > 2 ? Fixed8.Parse(p[2]) : default };
    }
}
