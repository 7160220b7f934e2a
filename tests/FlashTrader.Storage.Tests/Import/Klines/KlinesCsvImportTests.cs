using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Storage.Import;
using FlashTrader.Storage.Inspection;

namespace FlashTrader.Storage.Tests.Import.Klines;

public sealed class KlinesCsvImportTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static string Usdc => SharedData.File(SharedData.Klines, "BTCUSDC_1m_20230301_20230321.csv");

    private static string Usdt => SharedData.File(SharedData.Klines, "BTCUSDT_1m_20230301_20230321.csv");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Both_pairs_import_as_one_minute_bars_stamped_at_their_close()
    {
        string output = _temp.File("klines.ftrec");
        RecordingImporter.Import(new ImportRequest { Format = ImportFormats.KlinesCsv, Inputs = [Usdc, Usdt], Output = output });

        RecordingSummary summary = RecordingInspector.Summarize(output);
        summary.Symbols.Select(s => (s.Symbol, s.Kline)).Should().Equal(
            ("BTCUSDC", (long)RecordedEvents.DataRows(Usdc)), ("BTCUSDT", (long)RecordedEvents.DataRows(Usdt)));
        summary.Symbols.Select(s => s.Kline).Should().Equal(30_240L, 30_240L);
        summary.Events.Should().Be(60_480);
        summary.ToJson().Should().Contain("\"firstExchangeTime\":\"2023-03-01T00:01:00Z\",\"lastExchangeTime\":\"2023-03-22T00:00:00Z\"");

        List<RecordedEvent> events = RecordedEvents.ReadAll(output);
        // BTCUSDC 2023-03-01 00:00:00+00:00,23143.82,23152.65,23140.02,23152.65,0.26395: known at 00:01.
        MarketEvent first = events.First(e => e.Event.SymbolId == 0).Event;
        long open = DateTimeOffset.Parse("2023-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() * 1_000_000;
        (first.OpenTimeNs, first.IntervalSeconds, first.ExchangeTimeNs, first.LocalTimeNs).Should().Be((open, 60L, open + 60_000_000_000, open + 60_000_000_000));
        (first.Open, first.High, first.Low, first.Close, first.Volume, first.QuoteVolume).Should().Be(
            (Fixed8.Parse("23143.82"), Fixed8.Parse("23152.65"), Fixed8.Parse("23140.02"), Fixed8.Parse("23152.65"), Fixed8.Parse("0.26395"), Fixed8.Zero));
        events.Select(e => e.Event.ExchangeTimeNs).Should().BeInAscendingOrder();
    }

    [Fact]
    public void A_single_entry_symbol_map_names_the_symbol_and_epoch_seconds_work()
    {
        string csv = _temp.Write("bars.csv", "time,open,high,low,close,volume,quote_volume\n1677628800,1,2,0.5,1.5,10,15\n1677629100,1.5,1.5,1.5,1.5,0,0\n1677628900,1,1,1,1,1,1\n");
        string output = _temp.File("bars.ftrec");
        ImportResult result = RecordingImporter.Import(new ImportRequest
        {
            Format = ImportFormats.KlinesCsv,
            Inputs = [csv],
            Output = output,
            SymbolMap = ImportSymbolMap.Parse("BTCUSDT=BTCUSDC"),
            SkipBad = true,
        });

        result.Symbols.Should().ContainSingle().Which.Symbol.Should().Be("BTCUSDC");
        result.SkippedLines.Should().Be(1, "an open time before the previous bar's is out of order");
        result.SkippedSamples.Should().ContainSingle().Which.Should().StartWith("bars.csv:4: open time 2023-03-01T00:01:40Z is not after");
        List<RecordedEvent> events = RecordedEvents.ReadAll(output);
        events.Select(e => e.Event.IntervalSeconds).Should().Equal(300L, 300L);
        events[0].Event.QuoteVolume.Should().Be(Fixed8.FromLong(15));
        events[1].Event.ExchangeTimeNs.Should().Be((1_677_629_100L + 300) * 1_000_000_000);
    }

    [Fact]
    public void An_undeterminable_interval_is_an_error()
    {
        string csv = _temp.Write("ETHUSDC_1h.csv", "open_time,open,high,low,close,volume\n2023-03-01 00:00:00+00:00,1,1,1,1,1\n");
        Action import = () => RecordingImporter.Import(new ImportRequest { Format = ImportFormats.KlinesCsv, Inputs = [csv], Output = _temp.File("x.ftrec") });
        import.Should().Throw<ImportException>().WithMessage("ETHUSDC_1h.csv: cannot determine the bar interval*");
    }
}
