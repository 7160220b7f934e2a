using System.IO.Compression;
using FlashTrader.Storage.Import;
using FlashTrader.Storage.Inspection;
using FlashTrader.Storage.Tests.Import.Binance;

namespace FlashTrader.Storage.Tests.Import;

public sealed class MalformedInputTests : IDisposable
{
    private const string Depth = """1723161253937085768 {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1723161255208,"s":"BTCUSDT","U":10,"u":12,"b":[["61737.63","0"]],"a":[]}}""";
    private const string Trade = """1723161254087896568 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":false,"M":true}}""";
    private const string TradeWithoutPrice = """1723161254087896569 {"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255344,"s":"BTCUSDT","t":3735683260,"q":"0.02000000","T":1723161255342,"m":true,"M":true}}""";
    private const string BrokenJson = """1723161254087896570 {"stream":"btcusdt@trade","data":{"e":"trade","E":17231""";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_malformed_line_fails_the_import_naming_file_line_and_what_is_wrong()
    {
        string input = _temp.Write("btcusdt_20240808.txt", string.Join('\n', Depth, Trade, TradeWithoutPrice, Trade));
        string output = _temp.File("out.ftrec");
        Action import = () => RecordingImporter.Import(new ImportRequest { Format = ImportFormats.BinanceCapture, Inputs = [input], Output = output });

        import.Should().Throw<ImportException>().WithMessage("btcusdt_20240808.txt:3: trade has no 'p' field")
            .Which.Line.Should().Be(3);
        File.Exists(output).Should().BeFalse("a failed import leaves no recording behind");
        Directory.GetFiles(_temp.PathName).Should().ContainSingle("nor a temporary file");
    }

    [Fact]
    public void Broken_json_is_reported_with_its_column()
    {
        string input = _temp.Write("cap.txt", string.Join('\n', Depth, BrokenJson));
        Action import = () => RecordingImporter.Import(new ImportRequest { Format = ImportFormats.BinanceCapture, Inputs = [input], Output = _temp.File("o.ftrec") });
        import.Should().Throw<ImportException>().WithMessage("cap.txt:2: column *: malformed JSON");
    }

    [Fact]
    public void Skip_bad_counts_and_samples_malformed_lines_and_imports_the_rest()
    {
        string input = _temp.Write("cap.txt", string.Join('\n', Depth, TradeWithoutPrice, "garbage", Trade, BrokenJson, "", Trade));
        string output = _temp.File("out.ftrec");
        var warnings = new List<string>();
        ImportResult result = RecordingImporter.Import(
            new ImportRequest { Format = ImportFormats.BinanceCapture, Inputs = [input], Output = output, SkipBad = true }, warnings.Add);

        result.SkippedLines.Should().Be(3);
        result.SkippedSamples.Should().Equal(
            "cap.txt:2: trade has no 'p' field",
            "cap.txt:3: line is not '<local timestamp> <json>'",
            "cap.txt:5: column 76: malformed JSON"); // column 76 is just past the number cut off at the end of the line
        result.Events.Should().Be(3);
        result.Symbols.Should().ContainSingle().Which.Trade.Should().Be(2);
        result.Notes.Should().Contain("skipped 3 malformed lines; first: cap.txt:2: trade has no 'p' field");
        warnings.Should().ContainSingle().Which.Should().Contain("capture has no depth snapshot");
        RecordingInspector.Summarize(output).Notes.Should().Contain(n => n.Contains("capture has no depth snapshot", StringComparison.Ordinal));
    }

    [Fact]
    public void Gzip_is_detected_by_its_magic_bytes_not_the_file_name()
    {
        // The same real file three ways: gzipped with its name, decompressed under a .gz name, gzipped under .txt.
        string source = SpotCaptureFixture.Btc0809;
        string plainNamedGz = _temp.File("btcusdt_plain.gz");
        using (var gz = new GZipStream(File.OpenRead(source), CompressionMode.Decompress))
        using (FileStream plain = File.Create(plainNamedGz))
        {
            gz.CopyTo(plain);
        }

        string gzNamedTxt = _temp.File("btcusdt_gzip.txt");
        File.Copy(source, gzNamedTxt);

        SymbolEventCounts[] counts = [.. new[] { source, plainNamedGz, gzNamedTxt }.Select((input, i) =>
            RecordingImporter.Import(new ImportRequest { Format = ImportFormats.BinanceCapture, Inputs = [input], Output = _temp.File($"{i}.ftrec") }).Symbols.Single())];

        counts.Select(c => (c.Depth, c.Trade, c.BookTicker, c.Snapshot)).Should().AllBeEquivalentTo((3_044L, 10_147L, 45_134L, 0L));
    }

    [Fact]
    public void A_capture_without_snapshot_imports_with_a_warning_in_result_and_header()
    {
        string output = _temp.File("no-snapshot.ftrec");
        var warnings = new List<string>();
        ImportResult result = RecordingImporter.Import(
            new ImportRequest { Format = ImportFormats.BinanceCapture, Inputs = [SpotCaptureFixture.Eth0809], Output = output },
            warnings.Add);

        var expected = CaptureLineCounts.Of(SpotCaptureFixture.Eth0809);
        SymbolEventCounts eth = result.Symbols.Single();
        (eth.Snapshot, eth.Depth, eth.Trade, eth.BookTicker).Should().Be((expected.Snapshot, expected.Depth, expected.Trade, expected.BookTicker));
        (eth.Snapshot, eth.Depth, eth.Trade, eth.BookTicker).Should().Be((0L, 3_036L, 8_409L, 34_681L));
        string warning = "ETHUSDT (ethusdt_20240809.gz): capture has no depth snapshot; its depth diffs cannot build a book until a snapshot is fetched";
        warnings.Should().Equal(warning);
        result.Warnings.Should().Equal(warning);
        RecordingInspector.Summarize(output).Notes.Should().Contain(warning);
    }

    [Fact]
    public void Futures_depth_updates_and_agg_trades_import_too_and_other_streams_are_ignored_with_a_warning()
    {
        string input = _temp.Write("btcusdt_futures.txt", string.Join('\n',
            """1667347199000000000 {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1667347199939,"T":1667347199937,"s":"BTCUSDT","U":2098041693435,"u":2098041696700,"pu":2098041693400,"b":[["20470.10","1.500"]],"a":[["20472.80","0.000"]]}}""",
            """1667347199100000000 {"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","E":1667347200001,"s":"BTCUSDT","a":123456789,"p":"20471.50","q":"0.250","f":1,"l":3,"T":1667347200000,"m":true}}""",
            """1667347199200000000 {"stream":"btcusdt@bookTicker","data":{"e":"bookTicker","u":2098041696701,"s":"BTCUSDT","b":"20470.10","B":"1.5","a":"20472.90","A":"2","T":1667347200050,"E":1667347200055}}""",
            """1667347199300000000 {"stream":"btcusdt@markPrice","data":{"e":"markPriceUpdate","E":1667347200100,"s":"BTCUSDT","p":"20471.0"}}""",
            """1667347199400000000 {"stream":"btcusdt@depth5@100ms","data":{"lastUpdateId":2098041696702,"bids":[["20470.10","1.5"]],"asks":[["20472.90","2"]]}}"""));
        string output = _temp.File("futures.ftrec");
        var warnings = new List<string>();
        ImportResult result = RecordingImporter.Import(new ImportRequest { Format = ImportFormats.BinanceCapture, Inputs = [input], Output = output }, warnings.Add);

        List<RecordedEvent> events = RecordedEvents.ReadAll(output);
        events.Should().HaveCount(3);
        (events[0].Event.FirstUpdateId, events[0].Event.LastUpdateId, events[0].Event.ExchangeTimeNs).Should().Be((2_098_041_693_435L, 2_098_041_696_700L, 1_667_347_199_939_000_000L));
        (events[1].Event.TradeId, events[1].Event.Side, events[1].Event.ExchangeTimeNs).Should().Be((123_456_789L, Core.Market.Side.Sell, 1_667_347_200_001_000_000L));
        (events[2].Event.UpdateId, events[2].Event.ExchangeTimeNs).Should().Be((2_098_041_696_701L, 1_667_347_200_055_000_000L), "the futures bookTicker carries E");
        warnings.Should().Contain(w => w.Contains("ignored 1 'markPriceUpdate' messages", StringComparison.Ordinal));
        warnings.Should().Contain(w => w.Contains("ignored 1 'partial book depth' messages", StringComparison.Ordinal), "a top-5 book must not replace the full book");
        result.Notes.Should().NotContain(n => n.Contains("estimated", StringComparison.Ordinal), "nothing needed an estimated exchange time");
    }

    [Fact]
    public void An_unknown_format_lists_the_known_ones()
    {
        Action import = () => RecordingImporter.Import(new ImportRequest { Format = "csv", Inputs = [SpotCaptureFixture.Btc0808], Output = _temp.File("x.ftrec") });
        import.Should().Throw<ImportException>().WithMessage(
            "unknown import format 'csv'; known formats: binance-capture, binance-depth-csv, tardis-trades, tardis-quotes, tardis-book, klines-csv");
    }

    [Fact]
    public void A_csv_without_a_required_column_names_it_and_the_columns_present()
    {
        string csv = _temp.Write("trades.csv", "exchange,symbol,timestamp,local_timestamp,id,side,amount\nbinance,BTCUSDT,1582329602111000,1582329602418379,1,buy,1\n");
        Action import = () => RecordingImporter.Import(new ImportRequest { Format = ImportFormats.TardisTrades, Inputs = [csv], Output = _temp.File("x.ftrec") });
        import.Should().Throw<ImportException>().WithMessage("trades.csv:1: no column 'price' in the header (exchange,symbol,timestamp,local_timestamp,id,side,amount)");
    }

    [Fact]
    public void A_bad_csv_row_names_file_line_and_field()
    {
        string csv = _temp.Write("quotes.csv",
            "exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount\n" +
            "binance-futures,BTCUSDT,1582329601096000,1582329603502092,0.84,9682,9681.92,0.67\n" +
            "binance-futures,BTCUSDT,1582329603401000,1582329603522418,0.84,9682,,0.003\n" +
            "binance-futures,BTCUSDT,1582329603542000,1582329603663688,0.84,9682\n");
        Action import = () => RecordingImporter.Import(new ImportRequest { Format = ImportFormats.TardisQuotes, Inputs = [csv], Output = _temp.File("x.ftrec") });
        import.Should().Throw<ImportException>().WithMessage("quotes.csv:3: bid_price '' is not a decimal with at most 8 places");

        ImportResult result = RecordingImporter.Import(new ImportRequest { Format = ImportFormats.TardisQuotes, Inputs = [csv], Output = _temp.File("y.ftrec"), SkipBad = true });
        result.Events.Should().Be(1);
        result.SkippedSamples.Should().Equal("quotes.csv:3: bid_price '' is not a decimal with at most 8 places", "quotes.csv:4: row has 6 fields, the header has 8");
    }
}
