using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Tests.Builders;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Execution;

/// <summary>
/// Order splitting on real book states: the bundled sample (Binance BTC and ETH, 2024-08-08) is replayed into a paper
/// exchange (no latency, no slippage, maker/taker fee 0) up to an event, a parent is taken there, and from then on every
/// event moves the book, children go out as the slicer decides and their fills come back to it. Children read
/// "QTY@LIMIT", fills "QTY@PRICE", one per child fill; the parent's life cycle reads its statuses in order.
/// </summary>
public sealed class OrderSlicerTests
{
    private static readonly Lazy<(FlashTraderOptions Options, InstrumentSet Instruments, IReadOnlyList<MarketEvent> Events)> Sample = new(() =>
    {
        FlashTraderOptions options = SampleOptions.Create().WithoutLatency();
        options.PaperTrading.SimulateSlippage = false;
        options.TradingPairs[0].MaxPosition = 100m;
        options.TradingPairs[1].MaxPosition = 1_000m;
        var instruments = new InstrumentSet(options.TradingPairs);
        return (options, instruments, SampleRecording.Load(instruments));
    });

    public static TheoryData<string, string, string, string, string, string> Cases => new()
    {
        // name, parent ("buy|sell QTY SYMBOL at EVENT"), options, children, fills, parent statuses
        // At event 20,000 the BTC ask is 5.2191 @ 61796.11, so the arrival limit (+10 bps) is 61857.9; the ETH bid 4.02268 @ 2682.48.
        {
            "a parent within the touch share goes out as one child", "buy 0.5 BTC at 20000", "",
            "0.5@61857.9", "0.5@61796.11", "NEW FILLED"
        },
        {
            "a parent beyond the touch share goes out as touch-sized children", "buy 6 BTC at 20000", "",
            "2.60957@61857.9, 0.51292@61857.9, 0.35269@61857.9, 0.671085@61857.9, 0.80339@61857.9, 0.50324@61857.9, 0.547105@61857.9",
            "2.60957@61796.11, 0.51292@61784.64, 0.35269@61784.64, 0.671085@61784.64, 0.80339@61784.64, 0.50324@61784.64, 0.547105@61784.64",
            "NEW PARTIALLY_FILLED FILLED"
        },
        {
            "the max child notional caps every child at the touch price", "buy 0.1 BTC at 20000", "MaxChildNotional=1000",
            "0.016182@61857.9, 0.016185@61857.9, 0.016185@61857.9, 0.016185@61857.9, 0.016185@61857.9, 0.016185@61857.9, 0.002893@61857.9",
            "0.016182@61796.11, 0.016185@61784.64, 0.016185@61784.64, 0.016185@61784.64, 0.016185@61784.64, 0.016185@61784.64, 0.002893@61784.64",
            "NEW PARTIALLY_FILLED FILLED"
        },
        {
            "a sell of ETH takes a quarter of the bid per child, at the touch, never below its limit", "sell 2 ETH at 30000", "TouchShare=0.25",
            "1.00567@2680.1, 0.99433@2680.1", "1.00567@2682.48, 0.99433@2682.48", "NEW PARTIALLY_FILLED FILLED"
        },
        {
            "a rest below the smallest child goes with the last child", "buy 0.0025 BTC at 20000", "MinChildNotional=100; MaxChildNotional=100",
            "0.0025@61857.9", "0.0025@61796.11", "NEW FILLED"
        },
        {
            "with no price room every child is limited to the arrival price", "buy 0.5 BTC at 20000", "PriceLimitBps=0; IntervalMs=0; TouchShare=0.01",
            "0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.030281@61796.11",
            "0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.052191@61796.11, 0.030281@61796.11",
            "NEW PARTIALLY_FILLED FILLED"
        },
        {
            "out of children the parent's rest is canceled", "buy 1 BTC at 20000", "MaxChildren=3; TouchShare=0.01",
            "0.052191@61857.9, 0.010258@61857.9, 0.007053@61857.9", "0.052191@61796.11, 0.010258@61784.64, 0.007053@61784.64",
            "NEW PARTIALLY_FILLED PARTIALLY_CANCELED"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_parent_is_worked_as_children_sized_to_the_touch(string name, string parent, string options, string children, string fills, string statuses)
    {
        (string sent, string filled, string cycle) = Work(parent, options);

        $"{sent} | {filled} | {cycle}".Should().Be($"{children} | {fills} | {statuses}", name);
    }

    [Fact]
    public void The_kill_switch_cancels_the_parent_no_further_child_goes_out()
    {
        (string sent, string filled, string cycle) = Work("buy 1 BTC at 20000", "TouchShare=0.01", cancelAfterEvents: 3);

        $"{sent} | {filled} | {cycle}".Should().Be("0.052191@61857.9 | 0.052191@61796.11 | NEW PARTIALLY_FILLED PARTIALLY_CANCELED");
    }

    [Fact]
    public void Small_entries_exits_and_quote_amount_orders_are_sent_whole()
    {
        var slicer = new OrderSlicer(Sample.Value.Instruments, new OrderSplittingOptions { Enabled = true, MinParentNotional = 1_000m });
        OrderRequest entry = Exchanges.Order(1, Side.Buy, "0.01", OrderType.Limit, TimeInForce.Ioc, "61000");
        Fixed8 arrival = Fixed8.Parse("61000");

        slicer.Qualifies(entry, arrival).Should().BeFalse("610 USDC is below the 1,000 USDC parent minimum");
        slicer.Qualifies(entry with { Quantity = Fixed8.Parse("0.02") }, arrival).Should().BeTrue("1,220 USDC");
        slicer.Qualifies(entry with { Quantity = Fixed8.Parse("0.02"), Purpose = OrderPurpose.StopLoss }, arrival).Should().BeFalse("exits reduce risk at once");
        slicer.Qualifies(entry with { Quantity = Fixed8.Parse("0.02"), Type = OrderType.Market, QuoteQuantity = Fixed8.Parse("1220") }, arrival).Should().BeFalse();
        new OrderSlicer(Sample.Value.Instruments, new OrderSplittingOptions()).Qualifies(entry with { Quantity = Fixed8.Parse("0.02") }, arrival)
            .Should().BeFalse("off by default");
    }

    [Fact]
    public void Once_warmed_up_working_parents_allocates_nothing_per_event()
    {
        (FlashTraderOptions options, InstrumentSet instruments, IReadOnlyList<MarketEvent> events) = Sample.Value;
        var exchange = new PaperExchange(instruments, Balanced(options.PaperTrading), options.Execution);
        var slicer = new OrderSlicer(instruments, new OrderSplittingOptions { Enabled = true, TouchShare = 0.01, IntervalMs = 0, TimeoutMs = 1_000_000_000, MaxChildren = 999 });
        var reports = new List<ExecutionReport>(256);
        var parentReports = new List<ExecutionReport>(256);
        var children = new List<OrderRequest>(16);
        long parentId = 1;

        long slicerBytes = 0;
        long mark = 0;
        void Begin() => mark = GC.GetAllocatedBytesForCurrentThread();
        void End() => slicerBytes += GC.GetAllocatedBytesForCurrentThread() - mark;

        void Pass(int from, int to)
        {
            for (int e = from; e < to; e++)
            {
                MarketEvent ev = events[e];
                reports.Clear();
                exchange.OnMarketEvent(ev, reports);
                Begin();
                Route(slicer, reports, parentReports);
                End();
                if (slicer.ActiveCount == 0)
                {
                    // A new parent each time the last one completes: buys and sells in turn on BTC.
                    OrderRequest parent = Exchanges.Order(++parentId, parentId % 2 == 0 ? Side.Buy : Side.Sell, "0.05", OrderType.Market);
                    Fixed8 arrival = parent.Side == Side.Buy ? exchange.Book(0).BestAsk.Price : exchange.Book(0).BestBid.Price;
                    if (arrival.IsPositive)
                    {
                        Begin();
                        slicer.Start(parent, arrival, exchange.LastSeenNs, parentReports);
                        End();
                    }
                }

                children.Clear();
                Begin();
                slicer.OnBook(ev.SymbolId, exchange.Book(ev.SymbolId), exchange.LastSeenNs, children, parentReports);
                End();
                foreach (OrderRequest child in children)
                {
                    reports.Clear();
                    exchange.Submit(child, exchange.LastSeenNs, reports);
                    Begin();
                    Route(slicer, reports, parentReports);
                    End();
                }

                parentReports.Clear();
            }
        }

        Pass(0, 20_000);
        long children0 = slicer.ChildrenSent;
        long parents0 = slicer.ParentsStarted;
        slicerBytes = 0;
        Pass(20_000, 60_000);

        // Only the slicer's own calls are measured: the replica books still grow into price levels they had not seen.
        slicerBytes.Should().Be(0, "40,000 real events with parents being worked");
        (slicer.ChildrenSent - children0).Should().BeGreaterThan(1_000, "the measured events send children");
        (slicer.ParentsStarted - parents0).Should().BeGreaterThan(10, "parents complete and new ones start");
    }

    private static PaperTradingOptions Balanced(PaperTradingOptions paper) => new()
    {
        InitialBalance = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["USDC"] = 10_000_000m, ["BTC"] = 100m, ["ETH"] = 1_000m },
        SimulateSlippage = false,
    };

    private static void Route(OrderSlicer slicer, List<ExecutionReport> reports, List<ExecutionReport> parentReports)
    {
        foreach (ExecutionReport r in reports)
        {
            slicer.OnReport(r, parentReports);
        }
    }

    /// <summary>Replays the sample to the parent's event, takes it, then works it until it ends (or the sample does).</summary>
    private static (string Children, string Fills, string Statuses) Work(string parent, string options, int cancelAfterEvents = -1)
    {
        (FlashTraderOptions sample, InstrumentSet instruments, IReadOnlyList<MarketEvent> events) = Sample.Value;
        var exchange = new PaperExchange(instruments, Balanced(sample.PaperTrading), sample.Execution);
        var splitting = new OrderSplittingOptions { Enabled = true, MinParentNotional = 1m };
        foreach (string setting in options.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] kv = setting.Split('=');
            System.Reflection.PropertyInfo property = typeof(OrderSplittingOptions).GetProperty(kv[0])!;
            property.SetValue(splitting, Convert.ChangeType(kv[1], property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        }

        var slicer = new OrderSlicer(instruments, splitting);
        string[] p = parent.Split(' ');
        int symbol = p[2] == "BTC" ? 0 : 1;
        int start = int.Parse(p[4], System.Globalization.CultureInfo.InvariantCulture);
        var reports = new List<ExecutionReport>();
        var parentReports = new List<ExecutionReport>();
        var children = new List<OrderRequest>();
        var sent = new List<string>();
        for (int e = 0; e < start; e++)
        {
            reports.Clear();
            exchange.OnMarketEvent(events[e], reports);
        }

        var order = new OrderRequest(7, symbol, p[0] == "buy" ? Side.Buy : Side.Sell, OrderType.Market, TimeInForce.Ioc, default, Fixed8.Parse(p[1]),
            OrderPurpose.Entry, -1, 1, exchange.LastSeenNs, start, 0);
        OrderBook book = exchange.Book(symbol);
        slicer.Start(order, order.Side == Side.Buy ? book.BestAsk.Price : book.BestBid.Price, exchange.LastSeenNs, parentReports);
        for (int e = start; e < events.Count && slicer.ActiveCount > 0; e++)
        {
            if (e - start == cancelAfterEvents)
            {
                slicer.CancelAll(exchange.LastSeenNs, parentReports);
            }

            reports.Clear();
            exchange.OnMarketEvent(events[e], reports);
            Route(slicer, reports, parentReports);
            children.Clear();
            slicer.OnBook(events[e].SymbolId, exchange.Book(events[e].SymbolId), exchange.LastSeenNs, children, parentReports);
            foreach (OrderRequest child in children)
            {
                sent.Add($"{child.Quantity}@{child.Price}");
                reports.Clear();
                exchange.Submit(child, exchange.LastSeenNs, reports);
                Route(slicer, reports, parentReports);
            }
        }

        string fills = string.Join(", ", parentReports.Where(r => r.IsFill).Select(r => $"{r.LastQuantity}@{r.LastPrice}"));
        string statuses = string.Join(" ", parentReports.Select(r => r.Status.ToWire()).Where((s, i) => i == 0 || s != parentReports[i - 1].Status.ToWire()));
        return (string.Join(", ", sent), fills, statuses);
    }
}
