using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Storage.Import;
using FlashTrader.Storage.Inspection;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Storage.Tests.Import.Binance;

public sealed class BinanceCaptureImportTests : IClassFixture<SpotCaptureFixture>
{
    private readonly SpotCaptureFixture _fixture;

    public BinanceCaptureImportTests(SpotCaptureFixture fixture) => _fixture = fixture;

    [Fact]
    public void Inspect_counts_equal_the_messages_counted_in_the_source_files()
    {
        RecordingSummary summary = RecordingInspector.Summarize(_fixture.Output);
        var btc = CaptureLineCounts.Of(SpotCaptureFixture.Btc0808, SpotCaptureFixture.Btc0809);
        var eth = CaptureLineCounts.Of(SpotCaptureFixture.Eth0808, SpotCaptureFixture.Eth0809);

        summary.Symbols.Select(s => s.Symbol).Should().Equal("BTCUSDC", "ETHUSDC");
        SymbolEventCounts b = summary.Symbols[0];
        SymbolEventCounts e = summary.Symbols[1];
        (b.Snapshot, b.Depth, b.Trade, b.BookTicker).Should().Be((btc.Snapshot, btc.Depth, btc.Trade, btc.BookTicker));
        (e.Snapshot, e.Depth, e.Trade, e.BookTicker).Should().Be((eth.Snapshot, eth.Depth, eth.Trade, eth.BookTicker));
        summary.Events.Should().Be(btc.Lines + eth.Lines, "every line of the capture is one event");

        // The same numbers pinned (data README: BTC 99,574 lines = 6,495 depth + 73,174 bookTicker + 19,904 trades + 1 snapshot).
        (b.Snapshot, b.Depth, b.Trade, b.BookTicker, b.Kline).Should().Be((1L, 6_495L, 19_904L, 73_174L, 0L));
        (e.Snapshot, e.Depth, e.Trade, e.BookTicker, e.Kline).Should().Be((1L, 6_470L, 14_515L, 58_758L, 0L));
        summary.Events.Should().Be(179_318);
        summary.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Import_result_reports_the_same_counts_as_the_recording()
    {
        ImportResult result = _fixture.Result;
        result.Events.Should().Be(179_318);
        result.Symbols.Select(s => (s.Symbol, s.Snapshot, s.Depth, s.Trade, s.BookTicker)).Should().Equal(
            ("BTCUSDC", 1L, 6_495L, 19_904L, 73_174L),
            ("ETHUSDC", 1L, 6_470L, 14_515L, 58_758L));
        result.SkippedLines.Should().Be(0);
        result.Warnings.Should().BeEmpty();
        _fixture.WarningsSeen.Should().BeEmpty();
    }

    [Fact]
    public void Header_names_the_format_and_files_and_notes_the_estimated_exchange_times()
    {
        using RecordingReader reader = RecordingReader.Open(_fixture.Output);
        reader.Header.Source.Should().Be("binance-capture: btcusdt_20240809.gz, ethusdt_20240809.gz, btcusdt_20240808.gz, ethusdt_20240808.gz");
        reader.Header.Symbols.Should().Equal("BTCUSDC", "ETHUSDC");
        reader.Header.Notes.Should().ContainSingle(n => n.Contains("estimated as local receive time", StringComparison.Ordinal));
    }

    [Fact]
    public void Merged_recording_is_time_ordered_across_symbols_and_keeps_each_symbols_diffs_in_update_id_order()
    {
        using RecordingReader reader = RecordingReader.Open(_fixture.Output);
        long[] maxExchange = [long.MinValue, long.MinValue];
        long[] lastDiffId = [0, 0];
        long previousKey = long.MinValue;
        int symbolSwitches = 0;
        int previousSymbol = -1;
        while (reader.TryRead(out MarketEvent ev))
        {
            int s = ev.SymbolId;
            // Within a symbol a trade can be stamped a few ms before the preceding depth update, so the merge orders
            // by each symbol's running exchange time: that key never decreases across the merged recording.
            maxExchange[s] = Math.Max(maxExchange[s], ev.ExchangeTimeNs);
            maxExchange[s].Should().BeGreaterThanOrEqualTo(previousKey);
            previousKey = maxExchange[s];
            if (ev.Kind == MarketEventKind.DepthDiff)
            {
                if (lastDiffId[s] != 0)
                {
                    ev.FirstUpdateId.Should().Be(lastDiffId[s] + 1, "each diff continues the previous one");
                }

                lastDiffId[s] = ev.LastUpdateId;
            }

            if (s != previousSymbol)
            {
                symbolSwitches++;
                previousSymbol = s;
            }
        }

        symbolSwitches.Should().BeGreaterThan(10_000, "the two symbols interleave, they are not concatenated");
        lastDiffId.Should().Equal(50_093_696_318L, 35_346_924_199L); // the last depthUpdate "u" of each 0809 file
    }

    [Fact]
    public void First_events_match_the_first_capture_lines_exactly()
    {
        using RecordingReader reader = RecordingReader.Open(_fixture.Output);
        reader.TryRead(out MarketEvent first).Should().BeTrue();

        // btcusdt_20240808.gz line 1: local 1723161253937085768, E 1723161255208, U 50093239189, u 50093239202.
        first.Kind.Should().Be(MarketEventKind.DepthDiff);
        first.SymbolId.Should().Be(0);
        first.LocalTimeNs.Should().Be(1_723_161_253_937_085_768);
        first.ExchangeTimeNs.Should().Be(1_723_161_255_208_000_000);
        first.LocalTimeNs.Should().BeLessThan(first.ExchangeTimeNs, "the capture clock ran about 1.3 s behind the exchange");
        (first.FirstUpdateId, first.LastUpdateId).Should().Be((50_093_239_189L, 50_093_239_202L));
        first.Levels.BidCount.Should().Be(3);
        first.Levels.AskCount.Should().Be(9);
        first.Levels.Bids[0].Should().Be(new PriceLevel(Fixed8.Parse("61737.63"), Fixed8.Zero));
        first.Levels.Asks[0].Should().Be(new PriceLevel(Fixed8.Parse("61837.64"), Fixed8.Parse("1.54698")));
        first.Levels.Asks[8].Should().Be(new PriceLevel(Fixed8.Parse("61937.64"), Fixed8.Parse("0.02")));
    }

    [Fact]
    public void Trades_take_the_aggressor_from_m_and_bookTickers_and_the_snapshot_get_estimated_exchange_times()
    {
        using RecordingReader reader = RecordingReader.Open(_fixture.Output);
        MarketEvent? trade = null;
        MarketEvent? ticker = null;
        MarketEvent? snapshot = null;
        int snapshotBids = 0, snapshotAsks = 0;
        PriceLevel bestBid = default;
        while ((trade is null || ticker is null || snapshot is null) && reader.TryRead(out MarketEvent ev))
        {
            if (ev.SymbolId != 0)
            {
                continue;
            }

            if (ev.Kind == MarketEventKind.Trade && trade is null)
            {
                trade = ev;
            }
            else if (ev.Kind == MarketEventKind.BookTicker && ticker is null)
            {
                ticker = ev;
            }
            else if (ev.Kind == MarketEventKind.DepthSnapshot)
            {
                snapshot = ev;
                snapshotBids = ev.Levels.BidCount;
                snapshotAsks = ev.Levels.AskCount;
                bestBid = ev.Levels.Bids[0];
            }
        }

        // {"e":"trade","E":1723161255343,"t":3735683259,"p":"61837.63000000","q":"0.02000000","m":true}: a sell hit the bid.
        trade!.Value.Side.Should().Be(Side.Sell);
        trade.Value.TradeId.Should().Be(3_735_683_259);
        trade.Value.Price.Should().Be(Fixed8.Parse("61837.63"));
        trade.Value.Quantity.Should().Be(Fixed8.Parse("0.02"));
        trade.Value.ExchangeTimeNs.Should().Be(1_723_161_255_343_000_000);
        trade.Value.LocalTimeNs.Should().Be(1_723_161_254_087_896_568);

        // First bookTicker (local 1723161254087891268, u 50093239212): no E in spot, so local + the offset of the
        // latest stamped message before it (the depthUpdate E 1723161255308 received at 1723161254036059768).
        ticker!.Value.UpdateId.Should().Be(50_093_239_212);
        ticker.Value.LocalTimeNs.Should().Be(1_723_161_254_087_891_268);
        ticker.Value.ExchangeTimeNs.Should().Be(1_723_161_254_087_891_268 + (1_723_161_255_308_000_000 - 1_723_161_254_036_059_768));
        (ticker.Value.BidPrice, ticker.Value.BidQuantity, ticker.Value.AskPrice, ticker.Value.AskQuantity).Should().Be(
            (Fixed8.Parse("61837.63"), Fixed8.Parse("3.78826"), Fixed8.Parse("61837.64"), Fixed8.Parse("1.54698")));

        snapshot!.Value.LastUpdateId.Should().Be(50_093_239_218);
        snapshot.Value.LocalTimeNs.Should().Be(1_723_161_254_206_652_067);
        (snapshotBids, snapshotAsks).Should().Be((1000, 1000));
        bestBid.Should().Be(new PriceLevel(Fixed8.Parse("61837.63"), Fixed8.Parse("3.78826")));
    }
}
