using System.Text.Json;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>import and inspect through the binary, and what a damaged recording does to a run.</summary>
public sealed class RecordingCommandTests
{
    [Fact]
    public void Inspect_json_prints_one_object_with_the_sample_counts()
    {
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["inspect", FlashTraderProcess.Sample, "--json"]);
        r.ExitCode.Should().Be(0, r.ToString());
        JsonElement root = JsonDocument.Parse(r.Stdout).RootElement;
        root.GetProperty("formatVersion").GetInt32().Should().Be(2, "the sample is in the compact layout");
        root.GetProperty("events").GetInt64().Should().Be(179_318);
        JsonElement btc = root.GetProperty("symbols").GetProperty("BTCUSDC");
        (btc.GetProperty("snapshot").GetInt64(), btc.GetProperty("depth").GetInt64(), btc.GetProperty("trade").GetInt64(), btc.GetProperty("bookTicker").GetInt64(), btc.GetProperty("kline").GetInt64())
            .Should().Be((1L, 6_495L, 19_904L, 73_174L, 0L));
        JsonElement eth = root.GetProperty("symbols").GetProperty("ETHUSDC");
        (eth.GetProperty("snapshot").GetInt64(), eth.GetProperty("depth").GetInt64(), eth.GetProperty("trade").GetInt64(), eth.GetProperty("bookTicker").GetInt64())
            .Should().Be((1L, 6_470L, 14_515L, 58_758L));
        root.GetProperty("firstExchangeTime").GetString().Should().Be("2024-08-08T23:54:15.208Z");
        root.GetProperty("firstLocalTime").GetString().Should().Be("2024-08-08T23:54:13.9370857Z");
    }

    [Fact]
    public void Inspect_events_prints_json_lines()
    {
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["inspect", FlashTraderProcess.Sample, "--events", "3"]);
        r.ExitCode.Should().Be(0, r.ToString());
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("symbol").GetString()).Should().AllSatisfy(s => s.Should().BeOneOf("BTCUSDC", "ETHUSDC"));
    }

    [Fact]
    public void Import_through_the_binary_writes_a_recording_that_inspect_reads()
    {
        using var run = new RunDirectory();
        string trades = Path.Combine(FlashTraderProcess.SharedData, "binance-futures-btcusdt-ticks", "trades.csv");
        FlashTraderProcess.Result import = FlashTraderProcess.Run(["import", "--from", "tardis-trades", "--input", trades, "--output", run.File("t.ftrec"), "--symbol-map", "BTCUSDT=BTCUSDC"]);
        import.ExitCode.Should().Be(0, import.ToString());
        import.Stdout.Should().Contain("9,999 events");

        JsonElement root = JsonDocument.Parse(FlashTraderProcess.Run(["inspect", run.File("t.ftrec"), "--json"]).Stdout).RootElement;
        root.GetProperty("symbols").GetProperty("BTCUSDC").GetProperty("trade").GetInt64().Should().Be(9_999);
    }

    [Fact]
    public void Import_of_an_unknown_format_exits_2_listing_the_known_ones()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["import", "--from", "kraken", "--input", "x", "--output", run.File("x.ftrec")]);
        r.ExitCode.Should().Be(2);
        r.Stderr.Should().Contain("kraken").And.Contain("binance-capture");
    }

    [Fact]
    public void A_corrupted_block_is_exit_3_naming_its_byte_offset_and_nothing_else_is_touched()
    {
        using var run = new RunDirectory();
        byte[] bytes = File.ReadAllBytes(FlashTraderProcess.Sample);
        long offset = SecondBlockOffset(bytes);
        bytes[offset + 60] ^= 0xFF; // inside the second block's payload
        File.WriteAllBytes(run.File("corrupt.ftrec"), bytes);

        FlashTraderProcess.Result inspect = FlashTraderProcess.Run(["inspect", run.File("corrupt.ftrec"), "--json"]);
        inspect.ExitCode.Should().Be(3, inspect.ToString());
        inspect.Stderr.Should().Contain($"byte offset {offset}");

        FlashTraderProcess.Result replay = FlashTraderProcess.Run(["--replay", run.File("corrupt.ftrec"), "--reset", .. run.DataArgs]);
        replay.ExitCode.Should().Be(3, replay.ToString());
        replay.Stderr.Should().Contain($"byte offset {offset}");
    }

    [Fact]
    public void A_truncated_tail_warns_and_replays_everything_before_it()
    {
        using var run = new RunDirectory();
        byte[] bytes = File.ReadAllBytes(FlashTraderProcess.Sample);
        File.WriteAllBytes(run.File("cut.ftrec"), bytes[..(bytes.Length - 1000)]);

        FlashTraderProcess.Result inspect = FlashTraderProcess.Run(["inspect", run.File("cut.ftrec"), "--json"]);
        inspect.ExitCode.Should().Be(0, inspect.ToString());
        long events = JsonDocument.Parse(inspect.Stdout).RootElement.GetProperty("events").GetInt64();
        events.Should().BeLessThan(179_318).And.BeGreaterThan(170_000);
        inspect.Stderr.Should().Contain("ends inside a block");

        FlashTraderProcess.Result replay = FlashTraderProcess.Run(["--replay", run.File("cut.ftrec"), "--reset", "--summary", run.File("s.json"), .. run.DataArgs]);
        replay.ExitCode.Should().Be(0, replay.ToString());
        SummaryJson.Load(run.File("s.json")).Long("events").Should().Be(events);
        replay.Stdout.Should().Contain("ends inside a block");
    }

    /// <summary>Walks the file header and the first block header to find where the second block starts.</summary>
    private static long SecondBlockOffset(byte[] file)
    {
        int headerLength = BitConverter.ToInt32(file, 10);
        long first = 14 + headerLength + 4;
        int payload = BitConverter.ToInt32(file, (int)first + 8);
        return first + 40 + payload;
    }
}
