using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Tests.Builders;

namespace FlashTrader.Core.Tests.Market;

/// <summary>Features over the best two levels a side; a 1 s trade window.</summary>
public sealed class MarketStateTests
{
    private readonly MarketState _state = new(
        TestOptions.Instruments(TestOptions.Btc()),
        new SignalGenerationOptions { OrderBookDepth = 2, TradeWindowMs = 1_000 });

    [Fact]
    public void A_snapshot_yields_top_of_book_spread_and_imbalance_over_the_configured_depth()
    {
        MarketTick tick = _state.Apply(Events.Snapshot(100, bids: "3@99, 1@98, 50@97", asks: "1@101, 1@102, 90@103"), receivedTimestamp: 42);

        tick.Sequence.Should().Be(1);
        tick.ReceivedTimestamp.Should().Be(42);
        MarketFeatures f = tick.Features;
        f.Tradeable.Should().BeTrue();
        (f.BestBid, f.BestBidQuantity, f.BestAsk, f.BestAskQuantity).Should().Be((Fixed8.Parse("99"), Fixed8.Parse("3"), Fixed8.Parse("101"), Fixed8.One));
        f.Mid.Should().Be(100);
        f.SpreadBps.Should().BeApproximately(200, 1e-9);
        f.Imbalance.Should().BeApproximately(1.0 / 3, 1e-15, "(4 - 2) / (4 + 2): the third levels lie beyond the depth");
        f.DepthRatio.Should().Be(2);
        f.MomentumPercent.Should().Be(double.NaN, "the momentum window has not filled");
    }

    [Fact]
    public void A_gap_marks_the_symbol_untradeable_and_asks_for_a_resync_once()
    {
        _state.Apply(Events.Snapshot(100, bids: "1@99", asks: "1@101"), 0);

        MarketTick gapped = _state.Apply(Events.Diff(102, 103, bids: "5@99"), 0);

        gapped.Features.Tradeable.Should().BeFalse();
        gapped.Features.BestBid.Should().Be(Fixed8.Parse("99"), "the last good top of book is kept for reference");
        _state.ResyncRequested.Should().BeTrue();
        _state.BookGaps.Should().Be(1);

        _state.Apply(Events.Diff(104, 105), 0).Features.Tradeable.Should().BeFalse();
        _state.ResyncRequested.Should().BeFalse("the request is raised by the diff that revealed the gap");

        _state.Apply(Events.Snapshot(110, bids: "2@99", asks: "1@100"), 0).Features.Tradeable.Should().BeTrue();
        _state.BookResyncs.Should().Be(1);
    }

    [Fact]
    public void A_crossed_book_is_not_tradeable()
    {
        _state.Apply(Events.Snapshot(100, bids: "1@99", asks: "1@101"), 0);

        _state.Apply(Events.Diff(101, 101, bids: "1@101.5"), 0).Features.Tradeable.Should().BeFalse();
    }

    [Fact]
    public void Trades_feed_aggressor_volumes_and_VWAP_over_the_trade_window()
    {
        _state.Apply(Events.Snapshot(100, bids: "1@99", asks: "1@101"), 0);

        _state.Apply(Events.Trade("100", "2", Side.Buy, atMs: 0), 0);
        MarketFeatures f = _state.Apply(Events.Trade("101", "1", Side.Sell, atMs: 500), 0).Features;

        (f.BuyVolume, f.SellVolume).Should().Be((2.0, 1.0));
        f.TradeVwap.Should().BeApproximately(301.0 / 3, 1e-12);
        _state[0].Tape.LastPrice.Should().Be(Fixed8.Parse("101"));

        f = _state.Apply(Events.Trade("102", "4", Side.Buy, atMs: 1_000.000001), 0).Features;
        (f.BuyVolume, f.SellVolume).Should().Be((4.0, 1.0), "the first trade is now more than 1 s old");
        f.TradeVwap.Should().BeApproximately(509.0 / 5, 1e-12);
    }

    [Fact]
    public void Book_tickers_klines_and_stale_diffs_are_counted_but_change_no_features()
    {
        MarketFeatures before = _state.Apply(Events.Snapshot(100, bids: "1@99", asks: "1@101"), 0).Features;
        long t = Events.At(1);

        _state.Apply(MarketEvent.BookTicker(0, t, t, Fixed8.Parse("50"), Fixed8.One, Fixed8.Parse("51"), Fixed8.One, 1), 0).Features.Should().Be(before);
        _state.Apply(MarketEvent.Kline(0, t, t, t, 60, Fixed8.One, Fixed8.One, Fixed8.One, Fixed8.One, Fixed8.One, Fixed8.One), 0).Features.Should().Be(before);
        _state.Apply(Events.Diff(90, 99, bids: "9@99.5"), 0).Features.Should().Be(before);

        _state[0].BookTickers.Should().Be(1);
        _state[0].Klines.Should().Be(1);
        _state.Events.Should().Be(4);
    }

    [Fact]
    public void A_trade_keeps_the_depth_features_of_the_book_as_it_stands_and_the_next_diff_moves_them()
    {
        _state.Apply(Events.Snapshot(100, bids: "3@99, 1@98", asks: "1@101, 1@102"), 0);

        MarketFeatures afterTrade = _state.Apply(Events.Trade("101", "1", Side.Buy, atMs: 1), 0).Features;
        (afterTrade.Imbalance, afterTrade.DepthRatio).Should().Be((2.0 / 6, 2.0), "(4 - 2) / (4 + 2) and 4 / 2: the trade did not change the book");

        MarketFeatures afterDiff = _state.Apply(Events.Diff(101, 101, asks: "3@101", atMs: 1.5), 0).Features;
        (afterDiff.Imbalance, afterDiff.DepthRatio).Should().Be((0.0, 1.0), "the diff brings the asks to 4 over two levels");

        MarketFeatures afterSecondTrade = _state.Apply(Events.Trade("101", "1", Side.Sell, atMs: 2), 0).Features;
        (afterSecondTrade.Imbalance, afterSecondTrade.DepthRatio).Should().Be((0.0, 1.0), "the depth summed at the diff, not at the snapshot");
        afterSecondTrade.BestAskQuantity.Should().Be(Fixed8.Parse("3"));
    }

    [Fact]
    public void Interleaved_symbols_each_tick_carries_its_own_symbols_features_sequence_and_event()
    {
        var state = new MarketState(TestOptions.Instruments(TestOptions.Btc(), TestOptions.Eth()), new SignalGenerationOptions { OrderBookDepth = 2 });
        MarketFeatures btc = state.Apply(Events.Snapshot(100, bids: "1@99", asks: "1@101"), 0).Features;
        MarketFeatures eth = state.Apply(Events.Snapshot(200, bids: "2@9", asks: "1@11", symbol: 1), 0).Features;
        long t = Events.At(1);

        MarketTick tick = state.Apply(MarketEvent.BookTicker(0, t, t, Fixed8.Parse("50"), Fixed8.One, Fixed8.Parse("51"), Fixed8.One, 1), 7);
        (tick.Sequence, tick.SymbolId, tick.Event.Kind, tick.ReceivedTimestamp, tick.Features).Should().Be((3L, 0, MarketEventKind.BookTicker, 7L, btc));

        tick = state.Apply(MarketEvent.BookTicker(1, t, t, Fixed8.Parse("5"), Fixed8.One, Fixed8.Parse("6"), Fixed8.One, 1), 8);
        (tick.Sequence, tick.SymbolId, tick.ReceivedTimestamp, tick.Features).Should().Be((4L, 1, 8L, eth), "ETH's book ticker carries ETH's features, not BTC's");

        MarketFeatures ethAfterTrade = state.Apply(Events.Trade("10", "1", Side.Buy, atMs: 2, symbol: 1), 0).Features;
        ethAfterTrade.TradeVwap.Should().Be(10);
        tick = state.Apply(MarketEvent.BookTicker(0, t, t, Fixed8.Parse("50"), Fixed8.One, Fixed8.Parse("51"), Fixed8.One, 2), 0);
        (tick.Sequence, tick.Features).Should().Be((6L, btc), "ETH's trade moved ETH's features only");
        state.Apply(MarketEvent.BookTicker(1, t, t, Fixed8.Parse("5"), Fixed8.One, Fixed8.Parse("6"), Fixed8.One, 2), 0).Features.Should().Be(ethAfterTrade);
    }
}
