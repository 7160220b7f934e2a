using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Execution;

/// <summary>Orders travel 5 ms to the matching engine and reports 5 ms back, unless a test says otherwise.</summary>
public sealed class LatencyTests
{
    private readonly List<ExecutionReport> _reports = [];

    private List<ExecutionReport> On(PaperExchange exchange, in MarketEvent ev)
    {
        _reports.Clear();
        exchange.OnMarketEvent(ev, _reports);
        return _reports;
    }

    [Fact]
    public void An_order_is_matched_against_the_book_as_it_is_when_it_arrives_not_when_it_was_decided()
    {
        PaperExchange exchange = Exchanges.Btc(Exchanges.Model(entryMs: 5, responseMs: 5));

        exchange.Submit(Exchanges.Order(1, Side.Buy, "1"), Events.At(0), _reports);
        _reports.Should().BeEmpty("the order is still on the wire");
        exchange.InFlightCount.Should().Be(1);

        // During the entry leg the 100 level is taken by someone else and 101 thins out; the asks refill just too late.
        On(exchange, Events.Diff(101, 101, asks: "0@100, 0.6@101, 2@102", atMs: 2)).Should().BeEmpty();
        On(exchange, Events.Diff(102, 102, asks: "5@100", atMs: 6)).Should().BeEmpty("filled at 5 ms; the report is 5 ms away");
        exchange.InFlightCount.Should().Be(0);
        exchange.FillCount.Should().Be(2, "matched at 5 ms against the book of 2 ms, not the one it was decided on (or the one of 6 ms)");
        exchange.PendingReportCount.Should().Be(2);

        On(exchange, Events.Trade("101", "0.1", Side.Buy, atMs: 9.9)).Should().BeEmpty();
        List<ExecutionReport> delivered = On(exchange, Events.Trade("101", "0.1", Side.Buy, atMs: 10));

        Exchanges.Fills(delivered).Should().Be("0.6@101, 0.4@102");
        delivered.Should().OnlyContain(r => r.TimeNs == Events.At(5), "a fill is stamped when the engine made it");
        delivered[^1].Status.Should().Be(OrderStatus.Filled);
    }

    [Fact]
    public void Without_latency_the_same_order_takes_the_book_it_was_decided_on()
    {
        PaperExchange exchange = Exchanges.Btc(Exchanges.Model());

        exchange.Submit(Exchanges.Order(1, Side.Buy, "1"), Events.At(0), _reports);

        Exchanges.Fills(_reports).Should().Be("0.5@100, 0.5@101");
    }

    [Fact]
    public void Orders_and_reports_keep_their_order_on_the_wire()
    {
        PaperExchange exchange = Exchanges.Btc(Exchanges.Model(entryMs: 5, responseMs: 5), usdc: 10_000m);
        exchange.Submit(Exchanges.Order(1, Side.Buy, "0.5"), Events.At(0), _reports);
        exchange.Submit(Exchanges.Order(2, Side.Buy, "0.5"), Events.At(1), _reports);

        On(exchange, Events.Trade("101", "0.1", Side.Buy, atMs: 20));

        _reports.Select(r => r.OrderId).Should().Equal(1, 2);
        Exchanges.Fills(_reports).Should().Be("0.5@100, 0.5@101", "the first order to arrive takes the best level");
    }

    [Fact]
    public void Feed_latency_delays_the_decision_but_clock_skew_does_not_speed_it_up()
    {
        PaperExchange exchange = Exchanges.Btc(Exchanges.Model(entryMs: 5, responseMs: 5));

        // Received 3 ms after the exchange stamped it: orders decided on it leave 3 ms later.
        exchange.OnMarketEvent(MarketEvent.Trade(0, Events.At(1), Events.At(4), Fixed8.Parse("99"), Fixed8.One, Side.Sell, 1), _reports);
        exchange.LastSeenNs.Should().Be(Events.At(4));

        // A capture host whose clock runs behind (local < exchange, as in the shared Binance data): no negative latency.
        exchange.OnMarketEvent(MarketEvent.Trade(0, Events.At(2), Events.At(2) - 1_300_000_000, Fixed8.Parse("99"), Fixed8.One, Side.Sell, 2), _reports);
        exchange.LastSeenNs.Should().Be(Events.At(2));
    }

    [Fact]
    public void A_rejection_at_the_exchange_comes_back_after_the_round_trip()
    {
        PaperExchange exchange = Exchanges.Btc(Exchanges.Model(entryMs: 5, responseMs: 5));
        exchange.Submit(Exchanges.Order(1, Side.Buy, "50", OrderType.Limit, TimeInForce.Gtc, "101"), Events.At(0), _reports);

        On(exchange, Events.Trade("101", "0.1", Side.Buy, atMs: 6)).Should().BeEmpty();
        On(exchange, Events.Trade("101", "0.1", Side.Buy, atMs: 10)).Should().ContainSingle().Which.Should().Match<ExecutionReport>(r =>
            r.Status == OrderStatus.Rejected && r.RejectReason == RejectReason.InsufficientBalance && r.TimeNs == Events.At(5));
    }

    [Fact]
    public void The_kill_switch_cancels_orders_still_on_the_wire_and_delivers_what_is_on_its_way_back()
    {
        PaperExchange exchange = Exchanges.Btc(Exchanges.Model(entryMs: 5, responseMs: 5));
        exchange.Submit(Exchanges.Order(1, Side.Buy, "0.2"), Events.At(0), _reports);
        On(exchange, Events.Trade("101", "0.1", Side.Buy, atMs: 6));
        exchange.Submit(Exchanges.Order(2, Side.Buy, "0.2"), Events.At(6), _reports);

        _reports.Clear();
        exchange.CancelAll(Events.At(7), _reports);

        _reports.Select(r => (r.OrderId, r.Status)).Should().Equal((1L, OrderStatus.Filled), (2L, OrderStatus.Canceled));
        exchange.HasPendingWork.Should().BeFalse();
    }

    [Theory]
    [InlineData("Constant", 0, 5_000_000, 5_000_000)]
    [InlineData("Uniform", 2, 5_000_000, 7_000_000)]
    [InlineData("LogNormal", 0, 500_000, 50_000_000)]
    public void Latency_draws_are_seeded_and_stay_within_their_distribution(string distribution, double jitterMs, long minNs, long maxNs)
    {
        var options = new LatencyOptions { EntryMs = 5, ResponseMs = 5, Distribution = distribution, JitterMs = jitterMs, Sigma = 0.5, Seed = 11 };
        var first = new LatencyModel(options);
        var second = new LatencyModel(options);

        long[] draws = [.. Enumerable.Range(0, 2_000).Select(_ => first.NextEntryNs())];

        draws.Should().Equal(Enumerable.Range(0, 2_000).Select(_ => second.NextEntryNs()), "the same seed draws the same latencies");
        draws.Should().OnlyContain(ns => ns >= minNs && ns <= maxNs);
        if (distribution != "Constant")
        {
            // Uniform in [5, 7] ms has median 6 ms; the lognormal's median is the configured 5 ms.
            double median = draws.Order().ElementAt(1_000) / 1e6;
            median.Should().BeApproximately(distribution == "Uniform" ? 6.0 : 5.0, 0.25);
        }
    }
}
