using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Storage.Tests.Recording;

/// <summary>
/// Damage inside a block's raw bytes that its checksum does not catch (the checksum is made to match): the event
/// decoder reads varints eight bytes at a time and checks the position once per event and per depth level, so these
/// pin that such damage is still reported with the block's byte offset and the event's raw position, never read
/// outside the block's buffer, and never surfaces as anything but a <see cref="RecordingCorruptException"/>.
/// </summary>
public sealed class EventDecodingDamageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static RecordingHeader Header => new() { Symbols = SampleEvents.Symbols, Source = "test", Created = new DateTimeOffset(2024, 8, 9, 0, 0, 0, TimeSpan.Zero) };

    /// <summary>One event of each kind but the raw frame (whose cut payload has its own message, below) as the last event of the block.</summary>
    [Theory]
    [InlineData(0, MarketEventKind.DepthSnapshot)]
    [InlineData(1, MarketEventKind.DepthDiff)]
    [InlineData(2, MarketEventKind.DepthDiff)]
    [InlineData(3, MarketEventKind.Trade)]
    [InlineData(4, MarketEventKind.Trade)]
    [InlineData(5, MarketEventKind.BookTicker)]
    [InlineData(6, MarketEventKind.Kline)]
    public void An_event_cut_by_the_block_end_names_the_block_and_the_raw_position_where_the_event_starts(int index, MarketEventKind kind)
    {
        MarketEvent[] events = SampleEvents.AllKinds()[..(index + 1)];
        events[^1].Kind.Should().Be(kind);
        int start = RawLength(Write("before.ftrec", events[..index]));
        string path = Write("cut.ftrec", events);
        byte[] file = File.ReadAllBytes(path);
        RecordingFile.Block block = RecordingFile.Blocks(file).Single();
        int length = block.PayloadLength - 1; // the event's last byte is gone, its block says the event is still there
        File.WriteAllBytes(path, RecordingFile.WithUncompressedPayload(file, block, file.AsSpan((int)block.PayloadOffset, length)));

        using RecordingReader reader = RecordingReader.Open(path);
        for (int i = 0; i < index; i++)
        {
            reader.TryRead(out MarketEvent ev).Should().BeTrue();
            SampleEvents.ShouldEqual(ev, events[i]);
        }

        Action next = () => reader.TryRead(out _);
        next.Should().Throw<RecordingCorruptException>().WithMessage(
            $"{path}: corrupted recording at byte offset {block.Offset}: block does not decode: event at raw position {start} runs past the block end ({length} bytes)")
            .Which.Offset.Should().Be(block.Offset);
    }

    [Fact]
    public void A_raw_frame_whose_payload_is_cut_by_the_block_end_names_its_length_and_position()
    {
        MarketEvent[] events = SampleEvents.AllKinds();
        events[^1].Kind.Should().Be(MarketEventKind.RawFrame);
        string path = Write("frame.ftrec", events);
        byte[] file = File.ReadAllBytes(path);
        RecordingFile.Block block = RecordingFile.Blocks(file).Single();
        int length = block.PayloadLength - 1;
        File.WriteAllBytes(path, RecordingFile.WithUncompressedPayload(file, block, file.AsSpan((int)block.PayloadOffset, length)));

        using RecordingReader reader = RecordingReader.Open(path);
        Action readAll = () =>
        {
            while (reader.TryRead(out _))
            {
            }
        };

        // The six payload bytes would start six before the original end: one of them is missing.
        readAll.Should().Throw<RecordingCorruptException>().WithMessage(
            $"{path}: corrupted recording at byte offset {block.Offset}: block does not decode: raw frame of 6 bytes runs past the block end (raw position {block.PayloadLength - 6})");
        reader.EventsRead.Should().Be(events.Length - 1);
    }

    [Fact]
    public void A_depth_update_claiming_more_levels_than_the_block_holds_is_damage_not_an_allocation()
    {
        // A diff with no levels: its two count bytes are the block's last two bytes.
        MarketEvent[] events = [SampleEvents.AllKinds()[2]];
        events[0].Levels.BidCount.Should().Be(0);
        string path = Write("counts.ftrec", events);
        byte[] file = File.ReadAllBytes(path);
        RecordingFile.Block block = RecordingFile.Blocks(file).Single();
        byte[] raw = file.AsSpan((int)block.PayloadOffset, block.PayloadLength).ToArray();
        raw[^2..].Should().Equal(0, 0);
        raw[^2] = 0x7F; // 127 bids in no bytes at all
        File.WriteAllBytes(path, RecordingFile.WithUncompressedPayload(file, block, raw));

        using RecordingReader reader = RecordingReader.Open(path);
        Action next = () => reader.TryRead(out _);
        next.Should().Throw<RecordingCorruptException>().WithMessage(
            $"{path}: corrupted recording at byte offset {block.Offset}: block does not decode: 127 bids and 0 asks cannot fit in the rest of the block (raw position {raw.Length})");
    }

    [Fact]
    public void Any_single_changed_byte_in_a_block_of_every_kind_is_read_or_refused_at_that_block()
    {
        MarketEvent[] events = SampleEvents.AllKinds();
        string path = Write("fuzz.ftrec", events);
        byte[] file = File.ReadAllBytes(path);
        RecordingFile.Block block = RecordingFile.Blocks(file).Single();
        byte[] original = file.AsSpan((int)block.PayloadOffset, block.PayloadLength).ToArray();
        int refused = 0;
        int read = 0;
        for (int i = 0; i < original.Length; i++)
        {
            foreach (byte value in new byte[] { 0x00, 0x01, 0x7F, 0x80, 0xFF, (byte)(original[i] ^ 0x40) })
            {
                if (value == original[i])
                {
                    continue;
                }

                byte[] raw = (byte[])original.Clone();
                raw[i] = value;
                using var stream = new MemoryStream(RecordingFile.WithUncompressedPayload(file, block, raw));
                using var reader = new RecordingReader(stream, "fuzz", readAhead: false);
                try
                {
                    while (reader.TryRead(out _))
                    {
                    }

                    read++;
                }
                catch (RecordingCorruptException ex)
                {
                    ex.Offset.Should().Be(block.Offset, $"byte {i} set to {value}");
                    ex.Message.Should().StartWith($"fuzz: corrupted recording at byte offset {block.Offset}: block ");
                    refused++;
                }
            }
        }

        refused.Should().BeGreaterThan(original.Length, "most changes break an event's structure");
        read.Should().BeGreaterThan(0, "a changed price or quantity byte still decodes, to other values");
    }

    [Theory]
    [InlineData(RecordingCodec.None, false)]
    [InlineData(RecordingCodec.None, true)]
    [InlineData(RecordingCodec.Lz4, false)]
    [InlineData(RecordingCodec.Lz4, true)]
    [InlineData(RecordingCodec.Brotli, false)]
    public void Blocks_larger_than_the_readers_first_buffers_grow_them_with_the_decoders_slack(RecordingCodec codec, bool readAhead)
    {
        // The reader starts with buffers for twice the default block size; a 1 MiB block makes them grow.
        string path = _temp.File("big.ftrec");
        const int count = 120_000;
        using (RecordingWriter writer = RecordingWriter.Create(path, Header, new RecordingWriterOptions { Codec = codec, BlockRawBytes = 1 << 20 }))
        {
            for (int i = 0; i < count; i++)
            {
                long t = SampleEvents.T0 + (i * 1_000_000L);
                writer.Write(MarketEvent.Trade(i % 2, t, t - 1_300_000_000, Fixed8.FromRaw(6_183_763_000_000 + (i * 1_000_001L)),
                    Fixed8.FromRaw(1_000 + i), Side.Buy, i));
            }
        }

        List<RecordingFile.Block> blocks = RecordingFile.Blocks(File.ReadAllBytes(path));
        blocks.Should().HaveCount(2);
        using RecordingReader reader = RecordingReader.Open(path, readAhead);
        long read = 0;
        while (reader.TryRead(out MarketEvent ev))
        {
            ev.TradeId.Should().Be(read);
            ev.Price.Raw.Should().Be(6_183_763_000_000 + (read * 1_000_001L));
            read++;
        }

        read.Should().Be(count);
    }

    private string Write(string name, MarketEvent[] events)
    {
        string path = _temp.File(name);
        using RecordingWriter writer = RecordingWriter.Create(path, Header, new RecordingWriterOptions { Codec = RecordingCodec.None });
        foreach (MarketEvent ev in events)
        {
            writer.Write(ev);
        }

        return path;
    }

    private static int RawLength(string path)
    {
        byte[] file = File.ReadAllBytes(path);
        List<RecordingFile.Block> blocks = RecordingFile.Blocks(file);
        return blocks.Count == 0 ? 0 : blocks.Single().PayloadLength;
    }
}
