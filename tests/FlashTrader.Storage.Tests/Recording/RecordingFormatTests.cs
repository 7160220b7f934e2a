using System.Buffers.Binary;
using System.IO.Hashing;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Storage.Tests.Recording;

public sealed class RecordingFormatTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static RecordingHeader Header => new() { Symbols = SampleEvents.Symbols, Source = "test", Created = new DateTimeOffset(2024, 8, 9, 0, 0, 0, TimeSpan.Zero) };

    [Theory]
    [InlineData(RecordingCodec.Lz4, true)]
    [InlineData(RecordingCodec.Lz4, false)]
    [InlineData(RecordingCodec.Brotli, true)]
    [InlineData(RecordingCodec.Brotli, false)]
    [InlineData(RecordingCodec.None, true)]
    [InlineData(RecordingCodec.None, false)]
    public void Every_event_kind_round_trips_field_by_field(RecordingCodec codec, bool readAhead)
    {
        MarketEvent[] events = SampleEvents.AllKinds();
        string path = _temp.File("all.ftrec");
        using (RecordingWriter writer = RecordingWriter.Create(path, Header, new RecordingWriterOptions { Codec = codec }))
        {
            foreach (MarketEvent ev in events)
            {
                writer.Write(ev);
            }
        }

        using RecordingReader reader = RecordingReader.Open(path, readAhead);
        reader.ReadsAhead.Should().Be(readAhead);
        reader.Header.Symbols.Should().Equal(SampleEvents.Symbols);
        reader.Header.Codec.Should().Be(codec.ToString().ToLowerInvariant());
        foreach (MarketEvent expected in events)
        {
            reader.TryRead(out MarketEvent actual).Should().BeTrue();
            SampleEvents.ShouldEqual(actual, expected);
        }

        reader.TryRead(out _).Should().BeFalse();
        reader.TruncatedTail.Should().BeFalse();
        reader.BlocksRead.Should().Be(1);
    }

    [Theory]
    [InlineData(RecordingCodec.Brotli, true)]
    [InlineData(RecordingCodec.Lz4, false)]
    [InlineData(RecordingCodec.None, false)]
    public void By_default_only_a_Brotli_recording_is_decompressed_on_a_second_thread(RecordingCodec codec, bool readsAhead)
    {
        string path = _temp.File("default.ftrec");
        using (RecordingWriter writer = RecordingWriter.Create(path, Header, new RecordingWriterOptions { Codec = codec }))
        {
            writer.Write(SampleEvents.AllKinds()[0]);
        }

        using RecordingReader reader = RecordingReader.Open(path);
        reader.ReadsAhead.Should().Be(readsAhead && Environment.ProcessorCount > 1);
    }

    [Fact]
    public void Values_of_every_varint_length_round_trip_including_at_the_block_end()
    {
        // 1..10-byte varints after zigzag: each power of two up to 2^62, its negation, and the extremes.
        var values = new List<long> { 0, long.MaxValue, long.MinValue, long.MinValue + 1 };
        for (int bit = 0; bit < 63; bit++)
        {
            values.Add(1L << bit);
            values.Add(-(1L << bit));
            values.Add((1L << bit) - 1);
        }

        string path = _temp.File("varints.ftrec");
        using (RecordingWriter writer = RecordingWriter.Create(path, Header, new RecordingWriterOptions { Codec = RecordingCodec.None }))
        {
            foreach (long v in values)
            {
                // Each value ends its own block too (Flush), so the decoder's short-tail path sees every length.
                writer.Write(MarketEvent.Trade(0, v, v, Fixed8.FromRaw(v), Fixed8.FromRaw(~v), Side.Buy, v));
                writer.Write(MarketEvent.BookTicker(1, 0, 0, Fixed8.FromRaw(v), Fixed8.Zero, Fixed8.FromRaw(-v), Fixed8.One, v));
                writer.Flush();
            }
        }

        using RecordingReader reader = RecordingReader.Open(path);
        foreach (long v in values)
        {
            reader.TryRead(out MarketEvent trade).Should().BeTrue();
            (trade.ExchangeTimeNs, trade.LocalTimeNs, trade.Price.Raw, trade.Quantity.Raw, trade.TradeId).Should().Be((v, v, v, ~v, v));
            reader.TryRead(out MarketEvent ticker).Should().BeTrue();
            (ticker.BidPrice.Raw, ticker.AskPrice.Raw, ticker.UpdateId).Should().Be((v, -v, v));
        }

        reader.TryRead(out _).Should().BeFalse();
        reader.BlocksRead.Should().Be(values.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Many_blocks_replay_every_event_in_order(bool readAhead)
    {
        string path = WriteSequence("multi.ftrec", 5_000, out int blocks);
        blocks.Should().BeGreaterThan(10);
        RecordingFile.Blocks(File.ReadAllBytes(path)).Should().HaveCount(blocks);

        using RecordingReader reader = RecordingReader.Open(path, readAhead);
        long i = 0;
        while (reader.TryRead(out MarketEvent ev))
        {
            ev.TradeId.Should().Be(i);
            ev.ExchangeTimeNs.Should().Be(SampleEvents.T0 + (i * 1_000_000));
            ev.LocalTimeNs.Should().Be(SampleEvents.T0 + (i * 1_000_000) - (i % 3 == 0 ? 1_300_000_000 : -2_000_000));
            i++;
        }

        i.Should().Be(5_000);
        reader.BlocksRead.Should().Be(blocks);
    }

    [Theory]
    [InlineData(RecordingCodec.Lz4, true)]
    [InlineData(RecordingCodec.Lz4, false)]
    [InlineData(RecordingCodec.Brotli, true)]
    [InlineData(RecordingCodec.Brotli, false)]
    [InlineData(RecordingCodec.None, true)]
    [InlineData(RecordingCodec.None, false)]
    public void A_flipped_byte_in_the_second_block_is_reported_at_that_blocks_offset(RecordingCodec codec, bool readAhead)
    {
        string path = WriteSequence("corrupt.ftrec", 5_000, out _, codec);
        byte[] bytes = File.ReadAllBytes(path);
        RecordingFile.Block second = RecordingFile.Blocks(bytes)[1];
        bytes[second.PayloadOffset + (second.PayloadLength / 2)] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        using RecordingReader reader = RecordingReader.Open(path, readAhead);
        Action readAll = () =>
        {
            while (reader.TryRead(out _))
            {
            }
        };

        readAll.Should().Throw<RecordingCorruptException>()
            .WithMessage($"{path}: corrupted recording at byte offset {second.Offset}: block checksum mismatch")
            .Which.Offset.Should().Be(second.Offset);
        reader.EventsRead.Should().Be(RecordingFile.Blocks(bytes)[0].EventCount, "the first block was read before the damage");
    }

    [Theory]
    [InlineData(RecordingCodec.Lz4, true)]
    [InlineData(RecordingCodec.Lz4, false)]
    [InlineData(RecordingCodec.Brotli, true)]
    [InlineData(RecordingCodec.Brotli, false)]
    [InlineData(RecordingCodec.None, true)]
    [InlineData(RecordingCodec.None, false)]
    public void A_tail_cut_mid_block_replays_exactly_the_complete_blocks_and_warns(RecordingCodec codec, bool readAhead)
    {
        string path = WriteSequence("cut.ftrec", 5_000, out _, codec);
        byte[] bytes = File.ReadAllBytes(path);
        List<RecordingFile.Block> blocks = RecordingFile.Blocks(bytes);
        RecordingFile.Block cut = blocks[^2];
        File.WriteAllBytes(path, bytes.AsSpan(0, (int)cut.PayloadOffset + 7).ToArray());

        using RecordingReader reader = RecordingReader.Open(path, readAhead);
        long read = 0;
        while (reader.TryRead(out _))
        {
            read++;
        }

        long complete = blocks.Take(blocks.Count - 2).Sum(b => (long)b.EventCount);
        read.Should().Be(complete);
        reader.TruncatedTail.Should().BeTrue();
        reader.TruncatedAtOffset.Should().Be(cut.Offset);
        reader.Warning.Should().Be($"{path}: recording ends inside a block at byte offset {cut.Offset} (cut short while recording?); the {complete} events before it were read");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_lz4_block_that_does_not_decompress_to_its_length_names_the_block_and_the_file_byte(bool readAhead)
    {
        string path = WriteSequence("lz4-damage.ftrec", 5_000, out _, RecordingCodec.Lz4);
        byte[] bytes = File.ReadAllBytes(path);
        RecordingFile.Block second = RecordingFile.Blocks(bytes)[1];
        // One raw byte more than the payload holds, with the checksum made to match: only the codec can notice.
        Span<byte> header = bytes.AsSpan((int)second.Offset, RecordingFormat.BlockHeaderLength);
        int rawLength = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], rawLength + 1);
        var crc = new Crc32();
        crc.Append(header[..36]);
        crc.Append(bytes.AsSpan((int)second.PayloadOffset, second.PayloadLength));
        BinaryPrimitives.WriteUInt32LittleEndian(header[36..], crc.GetCurrentHashAsUInt32());
        File.WriteAllBytes(path, bytes);

        using RecordingReader reader = RecordingReader.Open(path, readAhead);
        Action readAll = () =>
        {
            while (reader.TryRead(out _))
            {
            }
        };

        readAll.Should().Throw<RecordingCorruptException>().WithMessage(
            $"{path}: corrupted recording at byte offset {second.Offset}: LZ4 payload does not decompress: payload ends after {rawLength} of {rawLength + 1} raw bytes"
            + $" (payload byte {second.PayloadLength}, file byte offset {second.End})");
        reader.EventsRead.Should().Be(RecordingFile.Blocks(bytes)[0].EventCount);
    }

    [Fact]
    public void The_default_codec_is_lz4()
    {
        string path = WriteSequence("default.ftrec", 100, out _, codec: new RecordingWriterOptions().Codec);
        using RecordingReader reader = RecordingReader.Open(path);
        reader.Header.Codec.Should().Be("lz4");
        File.ReadAllBytes(path)[(int)RecordingFile.Blocks(File.ReadAllBytes(path))[0].Offset + 4].Should().Be((byte)RecordingCodec.Lz4);
    }

    [Fact]
    public void A_file_that_is_not_a_recording_fails_on_its_magic()
    {
        string path = _temp.Write("not.ftrec", "FTREC-but-not-really, a text file");
        Action open = () => RecordingReader.Open(path).Dispose();
        open.Should().Throw<RecordingCorruptException>().WithMessage($"{path}: corrupted recording at byte offset 0: not a FlashTrader recording (bad magic)");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reading_allocates_nothing_per_event_in_the_steady_state(bool readAhead)
    {
        string path = _temp.File("alloc.ftrec");
        using (RecordingWriter writer = RecordingWriter.Create(path, Header))
        {
            DepthLevels levels = SampleEvents.Levels(("100", "1", true), ("99.5", "2", true), ("101", "3", false));
            for (int i = 0; i < 60_000; i++)
            {
                long t = SampleEvents.T0 + (i * 1_000_000L);
                writer.Write((i % 3) switch
                {
                    0 => MarketEvent.DepthDiff(i % 2, t, t - 1_300_000_000, i, i, levels),
                    1 => MarketEvent.Trade(i % 2, t, t - 1_300_000_000, Fixed8.FromLong(100 + (i % 7)), Fixed8.One, Side.Buy, i),
                    _ => MarketEvent.BookTicker(i % 2, t, t - 1_300_000_000, Fixed8.FromLong(99), Fixed8.One, Fixed8.FromLong(101), Fixed8.One, i),
                });
            }
        }

        using RecordingReader reader = RecordingReader.Open(path, readAhead);
        for (int i = 0; i < 10_000; i++)
        {
            reader.TryRead(out _).Should().BeTrue(); // warm-up: buffers reach their working size
        }

        long checksum = 0;
        long events = 0;
        long readAheadBefore = reader.ReadAheadAllocatedBytes;
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (reader.TryRead(out MarketEvent ev))
        {
            checksum += ev.ExchangeTimeNs;
            events++;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        events.Should().Be(50_000);
        checksum.Should().NotBe(0);
        reader.BlocksRead.Should().BeGreaterThan(10, "the measured stretch crosses many blocks");
        allocated.Should().Be(0, "decoding reuses the level and payload buffers and taking a block from the ring allocates nothing");
        (reader.ReadAheadAllocatedBytes - readAheadBefore).Should().Be(0, "the read-ahead thread reuses its ring of block buffers");
    }

    [Fact]
    public void Disposing_a_reader_mid_file_stops_its_read_ahead_and_closes_the_file()
    {
        string path = WriteSequence("dispose.ftrec", 5_000, out int blocks);
        blocks.Should().BeGreaterThan(BlockReadAhead.Depth + 2, "the read-ahead thread is still busy when the reader is disposed");
        RecordingReader reader = RecordingReader.Open(path, readAhead: true);
        reader.TryRead(out _).Should().BeTrue();
        reader.Dispose();

        using FileStream exclusive = new(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        exclusive.Length.Should().Be(new FileInfo(path).Length);
    }

    [Fact]
    public void After_the_end_further_reads_return_false_without_waiting()
    {
        string path = WriteSequence("end.ftrec", 100, out _);
        using RecordingReader reader = RecordingReader.Open(path, readAhead: true);
        while (reader.TryRead(out _))
        {
        }

        reader.TryRead(out _).Should().BeFalse();
        reader.TryRead(out _).Should().BeFalse();
        reader.EventsRead.Should().Be(100);
    }

    /// <summary>Trades with alternating clock offsets in small blocks: many blocks from a few thousand events.</summary>
    private string WriteSequence(string name, int count, out int blocks, RecordingCodec codec = RecordingCodec.Brotli)
    {
        string path = _temp.File(name);
        using RecordingWriter writer = RecordingWriter.Create(path, Header, new RecordingWriterOptions { Codec = codec, BlockRawBytes = 4096 });
        for (int i = 0; i < count; i++)
        {
            long exchange = SampleEvents.T0 + (i * 1_000_000L);
            long local = exchange - (i % 3 == 0 ? 1_300_000_000 : -2_000_000);
            writer.Write(MarketEvent.Trade(i % 2, exchange, local, Fixed8.FromRaw(6_183_763_000_000 + (i * 7)), Fixed8.FromRaw(1_000 + i), i % 2 == 0 ? Side.Buy : Side.Sell, i));
        }

        writer.Dispose();
        blocks = (int)writer.BlocksWritten;
        return path;
    }
}
