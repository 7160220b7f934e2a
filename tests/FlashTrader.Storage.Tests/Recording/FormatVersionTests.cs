using System.Buffers.Binary;
using FlashTrader.Core.Market;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Storage.Tests.Recording;

/// <summary>
/// Recordings written before the compact layout (format version 1, absolute values) stay readable: the fixture holds
/// the first 4,000 events of the bundled sample as the version-1 writer wrote them, Brotli blocks.
/// </summary>
public sealed class FormatVersionTests : IDisposable
{
    private const int FixtureEvents = 4_000;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string VersionOneFixture => Path.Combine(AppContext.BaseDirectory, "Recording", "Fixtures", "format-v1-brotli.ftrec");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_version_1_brotli_recording_reads_back_event_for_event_as_the_bundled_sample(bool readAhead)
    {
        using RecordingReader old = RecordingReader.Open(VersionOneFixture, readAhead);
        using RecordingReader sample = RecordingReader.Open(BundledSample.Path, readAhead);
        old.Header.FormatVersion.Should().Be(1);
        old.Header.Codec.Should().Be("brotli");
        old.Header.Symbols.Should().Equal(sample.Header.Symbols);

        int kinds = 0;
        while (old.TryRead(out MarketEvent actual))
        {
            sample.TryRead(out MarketEvent expected).Should().BeTrue();
            SampleEvents.ShouldEqual(actual, expected);
            kinds |= 1 << (int)actual.Kind;
        }

        old.EventsRead.Should().Be(FixtureEvents);
        old.BlocksRead.Should().Be(4);
        old.TruncatedTail.Should().BeFalse();
        kinds.Should().Be((1 << (int)MarketEventKind.DepthSnapshot) | (1 << (int)MarketEventKind.DepthDiff)
            | (1 << (int)MarketEventKind.Trade) | (1 << (int)MarketEventKind.BookTicker), "the fixture covers every kind the sample holds");
    }

    [Fact]
    public void The_bundled_sample_is_in_the_compact_layout_with_lz4_blocks_at_the_pinned_size()
    {
        using RecordingReader sample = RecordingReader.Open(BundledSample.Path);
        sample.Header.FormatVersion.Should().Be(RecordingFormat.CurrentVersion);
        sample.Header.Codec.Should().Be("lz4");
        while (sample.TryRead(out _))
        {
        }

        sample.EventsRead.Should().Be(179_318);
        sample.BlocksRead.Should().Be(75);
        byte[] file = File.ReadAllBytes(BundledSample.Path);
        RecordingFile.Blocks(file).Select(b => (RecordingCodec)file[b.Offset + 4]).Should().AllBeEquivalentTo(RecordingCodec.Lz4);

        // The same 4,907,370 raw bytes were 3,500,255 with Brotli blocks (version 1: 4,757,275, 9,734,292 raw bytes).
        file.Length.Should().Be(4_092_770);
    }

    [Fact]
    public void Writers_write_the_current_version_and_copying_a_version_1_file_under_a_new_header_keeps_version_1()
    {
        string copy = _temp.File("renoted.ftrec");
        RecordingHeader header;
        using (RecordingReader old = RecordingReader.Open(VersionOneFixture))
        {
            header = old.Header with { Notes = ["renoted"] };
        }

        RecordingHeaderRewriter.Rewrite(VersionOneFixture, copy, header);

        using RecordingReader reader = RecordingReader.Open(copy);
        reader.Header.FormatVersion.Should().Be(1, "the copied blocks are in the version 1 layout");
        reader.Header.Notes.Should().Equal("renoted");
        long events = 0;
        while (reader.TryRead(out _))
        {
            events++;
        }

        events.Should().Be(FixtureEvents);

        string fresh = _temp.File("fresh.ftrec");
        using (RecordingWriter writer = RecordingWriter.Create(fresh, header))
        {
            writer.Header.FormatVersion.Should().Be(2);
        }

        File.ReadAllBytes(fresh).AsSpan(8, 2).ToArray().Should().Equal(2, 0);
    }

    [Fact]
    public void A_version_this_build_does_not_know_is_refused_at_byte_8()
    {
        string path = _temp.File("future.ftrec");
        byte[] bytes = File.ReadAllBytes(VersionOneFixture);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 3);
        File.WriteAllBytes(path, bytes);

        Action open = () => RecordingReader.Open(path).Dispose();
        open.Should().Throw<RecordingCorruptException>()
            .WithMessage($"{path}: corrupted recording at byte offset 8: format version 3 is not supported (this build reads versions 1 to 2)");
    }

    [Fact]
    public void A_prefix_version_that_disagrees_with_the_header_json_is_refused()
    {
        string path = _temp.File("mixed.ftrec");
        byte[] bytes = File.ReadAllBytes(VersionOneFixture);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 2);
        File.WriteAllBytes(path, bytes);

        Action open = () => RecordingReader.Open(path).Dispose();
        open.Should().Throw<RecordingCorruptException>()
            .WithMessage($"{path}: corrupted recording at byte offset 14: header says format version 1 but the file prefix says 2");
    }
}
