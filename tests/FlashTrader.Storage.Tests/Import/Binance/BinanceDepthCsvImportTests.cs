using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Storage.Import;
using FlashTrader.Storage.Inspection;

namespace FlashTrader.Storage.Tests.Import.Binance;

public sealed class BinanceDepthCsvImportTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static string Snap => SharedData.File(SharedData.FuturesTicks, "btcusdt-depth-snap.csv");

    private static string Update => SharedData.File(SharedData.FuturesTicks, "btcusdt-depth-update.csv");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Snap_rows_form_one_snapshot_and_set_rows_one_diff_merged_in_time_order()
    {
        string output = _temp.File("depth.ftrec");
        ImportResult result = RecordingImporter.Import(new ImportRequest
        {
            Format = ImportFormats.BinanceDepthCsv,
            Inputs = [Update, Snap], // the snapshot (2022-11-02 23:49:39) precedes the update (23:59:59) in time
            Output = output,
        });

        RecordingSummary summary = RecordingInspector.Summarize(output);
        summary.Symbols.Should().ContainSingle().Which.Symbol.Should().Be("BTCUSDT");
        (summary.Symbols[0].Snapshot, summary.Symbols[0].Depth).Should().Be((1L, 1L));

        List<RecordedEvent> events = RecordedEvents.ReadAll(output);
        MarketEvent snapshot = events[0].Event;
        snapshot.Kind.Should().Be(MarketEventKind.DepthSnapshot);
        snapshot.LastUpdateId.Should().Be(2_098_021_528_332);
        snapshot.ExchangeTimeNs.Should().Be(1_667_346_579_146_000_000);
        snapshot.LocalTimeNs.Should().Be(snapshot.ExchangeTimeNs);
        (events[0].Bids.Length, events[0].Asks.Length).Should().Be((100, 0));
        (events[0].Bids.Length + events[0].Asks.Length).Should().Be(RecordedEvents.DataRows(Snap));
        events[0].Bids[0].Should().Be(new PriceLevel(Fixed8.FromLong(20377), Fixed8.Parse("1.77")));

        MarketEvent diff = events[1].Event;
        diff.Kind.Should().Be(MarketEventKind.DepthDiff);
        (diff.FirstUpdateId, diff.LastUpdateId).Should().Be((2_098_041_693_435L, 2_098_041_696_700L));
        (events[1].Bids.Length, events[1].Asks.Length).Should().Be((23, 77));
        (events[1].Bids.Length + events[1].Asks.Length).Should().Be(RecordedEvents.DataRows(Update));
        events[1].Asks[0].Should().Be(new PriceLevel(Fixed8.Parse("20472.8"), Fixed8.Zero));
        result.Notes.Should().Contain(n => n.Contains("local time = exchange time", StringComparison.Ordinal));
    }

    [Fact]
    public void Set_rows_group_by_timestamp_and_update_ids_in_file_order()
    {
        string csv = _temp.Write("BTCUSDT-depth.csv",
            "symbol,timestamp,first_update_id,last_update_id,side,update_type,price,qty,pu\n" +
            "BTCUSDT,1667347199939,100,105,a,set,20472.80,0.000,99\n" +
            "BTCUSDT,1667347199939,100,105,b,set,20470.10,1.5,99\n" +
            "BTCUSDT,1667347199939,106,110,b,set,20470.10,0,105\n" +
            "BTCUSDT,1667347200039,111,111,a,set,20472.90,2,110\n");
        string output = _temp.File("groups.ftrec");
        RecordingImporter.Import(new ImportRequest { Format = ImportFormats.BinanceDepthCsv, Inputs = [csv], Output = output });

        RecordedEvents.ReadAll(output).Select(e => (e.Event.FirstUpdateId, e.Event.LastUpdateId, e.Bids.Length, e.Asks.Length)).Should().Equal(
            (100L, 105L, 1, 1), (106L, 110L, 1, 0), (111L, 111L, 0, 1));
    }
}
