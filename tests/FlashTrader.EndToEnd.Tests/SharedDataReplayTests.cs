namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// Every shared data set imports and replays through the real binary. Sets without an L2 book (trades, quotes, bars)
/// must run cleanly and place no order: the pipeline never trades without a synchronized book.
/// </summary>
public sealed class SharedDataReplayTests
{
    public static TheoryData<string, string, string> Sets => new()
    {
        { "tardis-trades", "binance-futures-btcusdt-ticks/trades.csv", "BTCUSDT=BTCUSDC" },
        { "tardis-quotes", "binance-futures-btcusdt-ticks/quotes.csv", "BTCUSDT=BTCUSDC" },
        { "binance-depth-csv", "binance-futures-btcusdt-ticks/btcusdt-depth-snap.csv", "BTCUSDT=BTCUSDC" },
        { "klines-csv", "binanceus-1m-btcusdc-2023-03/BTCUSDC_1m_20230301_20230321.csv", "BTCUSDC=BTCUSDC" },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void A_shared_set_without_a_tradeable_book_replays_cleanly_without_orders(string format, string file, string map)
    {
        using var run = new RunDirectory();
        string input = Path.Combine(FlashTraderProcess.SharedData, file);
        FlashTraderProcess.Run(["import", "--from", format, "--input", input, "--output", run.File("set.ftrec"), "--symbol-map", map]).ExitCode.Should().Be(0);

        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", run.File("set.ftrec"), "--reset", "--summary", run.File("s.json"), .. run.DataArgs]);
        r.ExitCode.Should().Be(0, r.ToString());
        SummaryJson s = SummaryJson.Load(run.File("s.json"));
        s.Long("events").Should().BePositive();
        s.Long("orders").Should().Be(0);
        s.Money("endingEquity").Should().Be(s.Money("startingEquity"));
    }
}
