using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Storage.Import;
using FlashTrader.Storage.Inspection;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Storage.Tests.Import.Tardis;

public sealed class TardisImportTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static string Trades => SharedData.File(SharedData.FuturesTicks, "trades.csv");

    private static string Quotes => SharedData.File(SharedData.FuturesTicks, "quotes.csv");

    private static string DeribitBook => SharedData.File(SharedData.FuturesTicks, "deribit_incremental_book_L2_BTC-PERPETUAL.csv");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Trades_import_every_row_with_microsecond_timestamps_as_nanoseconds()
    {
        string output = _temp.File("trades.ftrec");
        RecordingImporter.Import(new ImportRequest
        {
            Format = ImportFormats.TardisTrades,
            Inputs = [Trades],
            Output = output,
            SymbolMap = ImportSymbolMap.Parse("BTCUSDT=BTCUSDC"),
        });

        RecordingSummary summary = RecordingInspector.Summarize(output);
        summary.Symbols.Should().ContainSingle().Which.Symbol.Should().Be("BTCUSDC");
        summary.Symbols[0].Trade.Should().Be(RecordedEvents.DataRows(Trades)).And.Be(9_999);
        summary.Events.Should().Be(9_999);

        List<RecordedEvent> events = RecordedEvents.ReadAll(output);
        // binance-futures,BTCUSDT,1582329602111000,1582329602418379,42377944,buy,9682,0.132
        MarketEvent first = events[0].Event;
        first.ExchangeTimeNs.Should().Be(1_582_329_602_111_000_000);
        first.LocalTimeNs.Should().Be(1_582_329_602_418_379_000);
        (first.TradeId, first.Side, first.Price, first.Quantity).Should().Be((42_377_944L, Side.Buy, Fixed8.FromLong(9682), Fixed8.Parse("0.132")));
        MarketEvent last = events[^1].Event;
        (last.TradeId, last.Side, last.Price, last.Quantity).Should().Be((42_387_942L, Side.Sell, Fixed8.Parse("9666.84"), Fixed8.Parse("0.07")));
        events.Count(e => e.Event.Side == Side.Buy).Should().Be(5_267);
        events.Count(e => e.Event.Side == Side.Sell).Should().Be(4_732);
    }

    [Fact]
    public void Non_numeric_trade_ids_become_a_stable_hash()
    {
        string csv = _temp.Write("uuid-trades.csv",
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n" +
            "coinbase,BTC-USD,1582329602111000,1582329602418379,8f2a6c1e-0d4b-4c55-9a51-0c1f6e7f6a10,sell,9682.5,0.1\n" +
            "coinbase,BTC-USD,1582329602112000,1582329602418380,17,buy,9682.5,0.2\n");
        string output = _temp.File("uuid.ftrec");
        ImportResult result = RecordingImporter.Import(new ImportRequest { Format = ImportFormats.TardisTrades, Inputs = [csv], Output = output });

        List<RecordedEvent> events = RecordedEvents.ReadAll(output);
        events[0].Event.TradeId.Should().Be(unchecked((long)System.IO.Hashing.XxHash64.HashToUInt64("8f2a6c1e-0d4b-4c55-9a51-0c1f6e7f6a10"u8)));
        events[1].Event.TradeId.Should().Be(17);
        result.Notes.Should().Contain(n => n.Contains("XxHash64", StringComparison.Ordinal));
    }

    [Fact]
    public void Timestamps_in_seconds_milliseconds_microseconds_and_nanoseconds_mean_the_same_instant()
    {
        string csv = _temp.Write("units.csv",
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n" +
            "binance,BTCUSDT,1582329602,1582329602,1,buy,9682,1\n" +
            "binance,BTCUSDT,1582329602000,1582329602000,2,buy,9682,1\n" +
            "binance,BTCUSDT,1582329602000000,1582329602000000,3,buy,9682,1\n" +
            "binance,BTCUSDT,1582329602000000000,1582329602000000000,4,buy,9682,1\n");
        string output = _temp.File("units.ftrec");
        RecordingImporter.Import(new ImportRequest { Format = ImportFormats.TardisTrades, Inputs = [csv], Output = output });

        List<RecordedEvent> events = RecordedEvents.ReadAll(output);
        events.Select(e => e.Event.TradeId).Should().Equal(1L, 2L, 3L, 4L);
        events.Should().OnlyContain(e => e.Event.ExchangeTimeNs == 1_582_329_602_000_000_000 && e.Event.LocalTimeNs == 1_582_329_602_000_000_000);
    }

    [Fact]
    public void A_second_symbol_in_one_file_is_a_bad_row()
    {
        string csv = _temp.Write("mixed.csv",
            "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n" +
            "binance,BTCUSDT,1582329602111000,1582329602418379,1,buy,9682,1\n" +
            "binance,ETHUSDT,1582329602111000,1582329602418379,2,buy,268,1\n");
        Action import = () => RecordingImporter.Import(new ImportRequest { Format = ImportFormats.TardisTrades, Inputs = [csv], Output = _temp.File("m.ftrec") });
        import.Should().Throw<ImportException>().WithMessage("mixed.csv:3: symbol 'ETHUSDT' differs from the file's first symbol BTCUSDT (one symbol per file)");
    }

    [Fact]
    public void Quotes_become_book_tickers()
    {
        string output = _temp.File("quotes.ftrec");
        RecordingImporter.Import(new ImportRequest { Format = ImportFormats.TardisQuotes, Inputs = [Quotes], Output = output });

        RecordingSummary summary = RecordingInspector.Summarize(output);
        summary.Symbols.Should().ContainSingle().Which.Symbol.Should().Be("BTCUSDT");
        summary.Symbols[0].BookTicker.Should().Be(RecordedEvents.DataRows(Quotes)).And.Be(9_999);

        List<RecordedEvent> events = RecordedEvents.ReadAll(output);
        // binance-futures,BTCUSDT,1582329601096000,1582329603502092,0.84,9682,9681.92,0.67 (ask_amount,ask_price,bid_price,bid_amount)
        MarketEvent first = events[0].Event;
        (first.BidPrice, first.BidQuantity, first.AskPrice, first.AskQuantity).Should().Be(
            (Fixed8.Parse("9681.92"), Fixed8.Parse("0.67"), Fixed8.FromLong(9682), Fixed8.Parse("0.84")));
        (first.ExchangeTimeNs, first.LocalTimeNs).Should().Be((1_582_329_601_096_000_000L, 1_582_329_603_502_092_000L));
        MarketEvent last = events[^1].Event;
        (last.BidPrice, last.BidQuantity, last.AskPrice, last.AskQuantity).Should().Be(
            (Fixed8.Parse("9671.19"), Fixed8.Parse("0.012"), Fixed8.Parse("9672.09"), Fixed8.Parse("0.031")));
    }

    [Fact]
    public void Incremental_book_snapshot_rows_form_one_snapshot_with_a_synthesised_version()
    {
        string output = _temp.File("deribit.ftrec");
        ImportResult result = RecordingImporter.Import(new ImportRequest { Format = ImportFormats.TardisBook, Inputs = [DeribitBook], Output = output });

        List<RecordedEvent> events = RecordedEvents.ReadAll(output);
        events.Should().ContainSingle();
        MarketEvent snapshot = events[0].Event;
        snapshot.Kind.Should().Be(MarketEventKind.DepthSnapshot);
        snapshot.LastUpdateId.Should().Be(1);
        events[0].Bids.Should().BeEmpty();
        events[0].Asks.Should().HaveCount(RecordedEvents.DataRows(DeribitBook)).And.HaveCount(15);
        events[0].Asks[0].Should().Be(new PriceLevel(Fixed8.Parse("6421.5"), Fixed8.FromLong(18640)));
        events[0].Asks[^1].Should().Be(new PriceLevel(Fixed8.Parse("6428.5"), Fixed8.FromLong(39950)));
        result.Symbols.Should().ContainSingle().Which.Symbol.Should().Be("BTC-PERPETUAL");
        using RecordingReader reader = RecordingReader.Open(output);
        reader.Header.Notes.Should().Contain(TardisVersionNote);
    }

    [Fact]
    public void Incremental_book_diffs_group_by_both_timestamps_and_get_consecutive_versions()
    {
        string csv = _temp.Write("book.csv",
            "exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount\n" +
            "deribit,BTC-PERPETUAL,1585699200245000,1585699200355684,true,bid,6421,100\n" +
            "deribit,BTC-PERPETUAL,1585699200245000,1585699200355684,true,ask,6421.5,200\n" +
            "deribit,BTC-PERPETUAL,1585699200300000,1585699200400000,false,bid,6421,0\n" +
            "deribit,BTC-PERPETUAL,1585699200300000,1585699200400000,false,bid,6420.5,50\n" +
            "deribit,BTC-PERPETUAL,1585699200300000,1585699200400001,false,ask,6421.5,150\n" +
            "deribit,BTC-PERPETUAL,1585699200500000,1585699200600000,true,bid,6422,10\n");
        string output = _temp.File("book.ftrec");
        RecordingImporter.Import(new ImportRequest { Format = ImportFormats.TardisBook, Inputs = [csv], Output = output });

        List<RecordedEvent> events = RecordedEvents.ReadAll(output);
        events.Select(e => (e.Event.Kind, e.Event.FirstUpdateId, e.Event.LastUpdateId, e.Bids.Length, e.Asks.Length)).Should().Equal(
            (MarketEventKind.DepthSnapshot, 1L, 1L, 1, 1),
            (MarketEventKind.DepthDiff, 2L, 2L, 2, 0),
            (MarketEventKind.DepthDiff, 3L, 3L, 0, 1),
            (MarketEventKind.DepthSnapshot, 4L, 4L, 1, 0));
        events[1].Bids.Should().Equal(new PriceLevel(Fixed8.FromLong(6421), Fixed8.Zero), new PriceLevel(Fixed8.Parse("6420.5"), Fixed8.FromLong(50)));
        (events[2].Event.ExchangeTimeNs, events[2].Event.LocalTimeNs).Should().Be((1_585_699_200_300_000_000L, 1_585_699_200_400_001_000L));
    }

    private static string TardisVersionNote => "tardis-book: the source has no update ids; consecutive versions are synthesised (first snapshot = 1, each later snapshot or diff = previous + 1)";
}
