using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using FlashTrader.Dashboard;
using FlashTrader.Dashboard.Snapshots;
using FlashTrader.Dashboard.Taps;
using FlashTrader.Hosting;
using FlashTrader.Storage.Recording;

namespace FlashTrader.EndToEnd.Tests.Dashboard;

/// <summary>
/// The stage taps on the bundled sample (Binance BTC and ETH, exchange time 2024-08-08 23:54:15 to 00:05:05 UTC), driven in-process
/// through the five stages in the hosted order with the shipped configuration: what they publish, and that observing
/// costs the stages no allocation.
/// </summary>
public sealed class DashboardTapTests
{
    private static readonly Lazy<Replayed> Sample = new(Replay);

    private sealed record Replayed(TradingPipeline Pipeline, DashboardBoard Board, long ObservedEvents, long ObserveBytes);

    private static Replayed Replay()
    {
        FlashTraderOptions options = ConfigurationLoader.Bind(ConfigurationLoader.Build(null, []));
        var pipeline = new TradingPipeline(options);
        var board = new DashboardBoard();
        var market = new MarketTap(pipeline.MarketState, options.Dashboard, board);
        var signals = new SignalTap(pipeline.Instruments, pipeline.Signals, options.Dashboard, board);
        var decisions = new DecisionTap(pipeline.Decision.Engine, pipeline.Instruments, options.Dashboard, board);
        var risk = new RiskTap(pipeline.Risk, pipeline.Instruments, pipeline.Signals, options.Execution, options.Dashboard, board);
        var exchange = new ExchangeTap(pipeline.Exchange.Exchange, options.Dashboard, board);
        var pool = new DepthLevelsPool();
        var toRisk = new List<TradingMessage>();
        var one = new List<TradingMessage>();
        var toExchange = new List<TradingMessage>();
        var feedback = new List<ExecutionFeedback>();
        long observed = 0;
        long bytes = 0;

        // Observing is measured alone, after a warm-up of 20,000 events (first-call costs are not per-event costs).
        void Observe(Action tap)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            tap();
            if (observed > 20_000)
            {
                bytes += GC.GetAllocatedBytesForCurrentThread() - before;
            }
        }

        void ToRisk(List<TradingMessage> messages, List<TradingMessage> passed)
        {
            foreach (TradingMessage m in messages)
            {
                one.Clear();
                pipeline.Risk.Handle(m, one);
                Observe(() => risk.Observe(m, one));
                passed.AddRange(one);
            }
        }

        using RecordingReader reader = RecordingReader.Open(FlashTraderProcess.Sample);
        int[] map = [.. reader.Header.Symbols.Select(s => pipeline.Instruments.Find(s)?.Id ?? -1)];
        while (reader.TryRead(out MarketEvent ev))
        {
            int symbol = map[ev.SymbolId];
            if (symbol < 0 || ev.Kind == MarketEventKind.RawFrame)
            {
                continue;
            }

            DepthLevels? levels = null;
            if (ev.HasLevels)
            {
                levels = pool.Rent();
                levels.CopyFrom(ev.Levels);
            }

            observed++;
            MarketTick tick = pipeline.MarketState.Apply(ev.With(symbol, levels), 0);
            Observe(() => market.Observe(tick));
            var signalTick = new SignalTick(tick, pipeline.Signals.Evaluate(tick));
            Observe(() => signals.Observe(signalTick));
            toRisk.Clear();
            pipeline.Decision.OnTick(signalTick, toRisk);
            toExchange.Clear();
            ToRisk(toRisk, toExchange);
            feedback.Clear();
            foreach (TradingMessage m in toExchange)
            {
                pipeline.Exchange.Handle(m, feedback);
            }

            foreach (Core.Orders.ExecutionReport r in pipeline.Exchange.Journal)
            {
                Observe(() => exchange.Observe(r));
            }

            pipeline.Exchange.Journal.Clear();
            toRisk.Clear();
            foreach (ExecutionFeedback f in feedback)
            {
                pipeline.Decision.OnFeedback(f, toRisk);
            }

            toExchange.Clear();
            ToRisk(toRisk, toExchange);
        }

        market.Publish();
        signals.Publish();
        decisions.Publish();
        risk.Publish();
        exchange.Publish();
        return new Replayed(pipeline, board, observed, bytes);
    }

    [Fact]
    public void Observing_every_stage_allocates_nothing_per_event()
    {
        Replayed r = Sample.Value;

        r.ObservedEvents.Should().Be(179_318);
        r.ObserveBytes.Should().Be(0, "the taps copy structs into preallocated rings and candle builders");
    }

    [Fact]
    public void One_minute_candles_cover_the_capture_from_23_54_with_every_trade_and_the_last_minute_in_progress()
    {
        CandleSeriesView btc = Sample.Value.Board.Market!.Symbols[0].Candles["1m"];
        CandleSeriesView eth = Sample.Value.Board.Market!.Symbols[1].Candles["1m"];

        btc.Candles.Select(c => c.Time).Should().Equal(Enumerable.Range(0, 12).Select(i => 1_723_161_240L + (60 * i)), "23:54 to 00:05 UTC");
        btc.Candles.Sum(c => c.Trades).Should().Be(19_904, "every BTC trade of the capture");
        eth.Candles.Sum(c => c.Trades).Should().Be(14_515, "every ETH trade of the capture");
        btc.Candles.Select(c => c.Closed).Should().Equal([.. Enumerable.Repeat(true, 11), false]);
        btc.Candles[0].Open.Should().Be(61_837.63m, "the first BTC trade");
        btc.Ema.Should().HaveCount(11 - CandleHistory.EmaPeriod + 1, "one point per closed candle once the EMA is seeded");
        btc.Bollinger.Should().HaveCount(11 - CandleHistory.BollingerPeriod + 1);
        btc.Ema[0].Value.Should().BeApproximately((double)btc.Candles.Take(CandleHistory.EmaPeriod).Average(c => c.Close), 1e-9, "the EMA is seeded with the SMA");
    }

    [Fact]
    public void Fifteen_minute_candles_close_the_23_45_quarter_at_midnight()
    {
        CandleSeriesView btc = Sample.Value.Board.Market!.Symbols[0].Candles["15m"];

        btc.Candles.Select(c => (c.Time, c.Closed)).Should().Equal((1_723_160_700L, true), (1_723_161_600L, false));
        btc.Candles.Sum(c => c.Trades).Should().Be(19_904);
    }

    [Fact]
    public void The_views_agree_with_the_stages_they_observed()
    {
        Replayed r = Sample.Value;
        TradingPipeline p = r.Pipeline;
        PortfolioSnapshot portfolio = r.Board.Portfolio!;
        RiskSnapshot risk = r.Board.Risk!;

        r.Board.Signals!.Total.Should().Be(p.Signals.Signals);
        r.Board.Signals.Heat.Should().HaveCount(2 * p.Signals.StrategyNames.Count);
        portfolio.FillCount.Should().Be(p.Exchange.Exchange.FillCount);
        portfolio.Fills.Should().HaveCount((int)Math.Min(100, p.Exchange.Exchange.FillCount));
        portfolio.Fills.Select(f => f.FillId).Should().BeInDescendingOrder();
        portfolio.Balances.Select(b => (b.Asset, b.Total)).Should().Equal(
            p.Exchange.Exchange.Wallet.Assets.Select((a, i) => (a, p.Exchange.Exchange.Wallet.Total(i))));
        portfolio.Equity.Should().Be(p.Exchange.Exchange.Equity);
        risk.Approved.Should().Be(p.Risk.Risk.Approved);
        r.Board.Decisions!.Recent.Should().HaveCount((int)Math.Min(100, p.Risk.Risk.Approved + p.Risk.Risk.Rejected));
        r.Board.Scores!.Decisions.Should().Be(p.Decision.Engine.Decisions);
        r.Board.Market!.Events.Should().Be(179_318);
        r.Board.Market.Symbols.Select(s => s.BookState).Should().Equal("Synced", "Synced");
        r.Board.Market.Symbols[0].Bids.Should().HaveCount(20).And.BeInDescendingOrder(l => l.Price);
        r.Board.Market.Symbols[0].Asks.Should().HaveCount(20).And.BeInAscendingOrder(l => l.Price);
    }

    [Fact]
    public void The_equity_curve_has_a_point_per_second_of_the_capture_and_ends_at_the_risk_managers_valuation()
    {
        EquitySnapshot equity = Sample.Value.Board.Equity!;

        equity.Points.Select(p => p.Time).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        equity.Points[0].Equity.Should().Be(10_000m, "the paper account starts at 10,000 USDC");
        equity.Points[^1].Time.Should().Be(1_723_161_905L, "00:05:05, the second of the last exchange time (inspect: 00:05:05.8175643)");
        equity.Equity.Should().Be(Sample.Value.Pipeline.Risk.Risk.Equity);
        equity.Pnl.Should().Be(equity.Equity - 10_000m);
        equity.Points.Max(p => p.DrawdownPercent).Should().BeLessThanOrEqualTo(equity.MaxDrawdownPercent, "the curve samples once a second");
    }
}
