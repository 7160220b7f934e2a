using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Storage.Inspection;
using FlashTrader.Storage.Recording;
using FlashTrader.Storage.Tests.Recording;

namespace FlashTrader.Storage.Tests.Inspection;

public sealed class RecordingInspectorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string WriteSamples(RecordingWriterOptions? options = null, int repeat = 1)
    {
        string path = _temp.File("samples.ftrec");
        var header = new RecordingHeader
        {
            Symbols = SampleEvents.Symbols,
            Source = "test",
            Created = new DateTimeOffset(2024, 8, 9, 0, 0, 0, TimeSpan.Zero),
            Notes = ["a note: local + offset, 'E' estimated"],
        };
        using RecordingWriter writer = RecordingWriter.Create(path, header, options);
        for (int i = 0; i < repeat; i++)
        {
            foreach (MarketEvent ev in SampleEvents.AllKinds())
            {
                writer.Write(ev);
            }
        }

        return path;
    }

    [Fact]
    public void Json_summary_is_one_object_with_the_documented_keys_first()
    {
        string json = RecordingInspector.Summarize(WriteSamples()).ToJson();

        json.Should().Be(string.Concat(
            """{"formatVersion":2,"events":8,"symbols":{"BTCUSDC":{"snapshot":1,"depth":1,"trade":1,"bookTicker":0,"kline":1},"ETHUSDC":{"snapshot":0,"depth":1,"trade":1,"bookTicker":1,"kline":0,"rawFrame":1}},""",
            """ "firstExchangeTime":"2024-08-08T23:54:15.208Z","lastExchangeTime":"2024-08-08T23:55:16.208Z","firstLocalTime":"2024-08-08T23:54:13.9370857Z","lastLocalTime":"2024-08-08T23:55:15.208Z",""".TrimStart(),
            """ "source":"test","created":"2024-08-09T00:00:00Z","codec":"lz4","blocks":1,"notes":["a note: local + offset, 'E' estimated"]}""".TrimStart()));
        using JsonDocument doc = JsonDocument.Parse(json);
        doc.RootElement.EnumerateObject().Select(p => p.Name).Take(7).Should().Equal(
            "formatVersion", "events", "symbols", "firstExchangeTime", "lastExchangeTime", "firstLocalTime", "lastLocalTime");
    }

    [Fact]
    public void Text_summary_shows_header_table_span_and_warnings()
    {
        string text = RecordingInspector.Summarize(WriteSamples()).ToText();
        text.Should().Contain("source     test\n")
            .And.Contain("note       a note: local + offset, 'E' estimated\n")
            .And.Contain("BTCUSDC              1         1         1           0         1           4\n")
            .And.Contain("ETHUSDC              0         1         1           1         0           4\n")
            .And.Contain("exchange   2024-08-08T23:54:15.208Z .. 2024-08-08T23:55:16.208Z (00:01:01)\n")
            .And.NotContain("WARNING");
    }

    [Fact]
    public void A_truncated_tail_is_a_warning_and_the_complete_blocks_are_counted()
    {
        string path = WriteSamples(new RecordingWriterOptions { BlockRawBytes = 64 }, repeat: 50);
        byte[] bytes = File.ReadAllBytes(path);
        List<RecordingFile.Block> blocks = RecordingFile.Blocks(bytes);
        File.WriteAllBytes(path, bytes.AsSpan(0, (int)blocks[^1].Offset + 20).ToArray());

        RecordingSummary summary = RecordingInspector.Summarize(path);
        long complete = blocks.Take(blocks.Count - 1).Sum(b => (long)b.EventCount);
        summary.Events.Should().Be(complete);
        summary.Symbols.Sum(s => s.Total).Should().Be(complete);
        summary.Warnings.Should().ContainSingle().Which.Should().Contain($"ends inside a block at byte offset {blocks[^1].Offset}");
        using JsonDocument doc = JsonDocument.Parse(summary.ToJson());
        doc.RootElement.GetProperty("warnings").GetArrayLength().Should().Be(1);
        summary.ToText().Should().Contain("WARNING    ");
    }

    [Fact]
    public void A_corrupted_block_propagates()
    {
        string path = WriteSamples(new RecordingWriterOptions { BlockRawBytes = 64 }, repeat: 50);
        byte[] bytes = File.ReadAllBytes(path);
        RecordingFile.Block third = RecordingFile.Blocks(bytes)[2];
        bytes[third.PayloadOffset] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        Action summarize = () => RecordingInspector.Summarize(path);
        summarize.Should().Throw<RecordingCorruptException>().Which.Offset.Should().Be(third.Offset);
    }

    [Fact]
    public void Events_are_written_as_one_json_object_per_line()
    {
        string path = WriteSamples();
        using var output = new MemoryStream();
        RecordingInspector.WriteEvents(path, 3, output).Should().Be(3);

        string[] lines = System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("kind").GetString()).Should().Equal("snapshot", "depth", "depth");
        RecordingInspector.WriteEvents(path, 100, new MemoryStream()).Should().Be(8);
    }
}
