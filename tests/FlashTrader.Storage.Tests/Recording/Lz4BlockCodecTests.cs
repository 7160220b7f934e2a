using FlashTrader.Core.Market;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Storage.Tests.Recording;

/// <summary>
/// The LZ4 block codec on its own: the format's layout on a hand-worked example, round trips of the bundled sample's
/// real blocks, of random and degenerate input, and damaged payloads reported at the byte where they go wrong.
/// </summary>
public sealed class Lz4BlockCodecTests
{
    /// <summary>The sample's blocks as the uncompressed writer lays them out: what the codec is for.</summary>
    private static readonly Lazy<List<byte[]>> SampleBlocks = new(ReadSampleBlocks);

    [Fact]
    public void Twenty_equal_bytes_encode_as_one_literal_a_match_at_offset_1_and_the_five_closing_literals()
    {
        byte[] raw = Enumerable.Repeat((byte)'a', 20).ToArray();
        // token 0x1A: 1 literal, match length 4 + 10; offset 1 (LE); then token 0x50: the 5 last literals.
        byte[] expected = [0x1A, (byte)'a', 0x01, 0x00, 0x50, .. "aaaaa"u8];

        Compress(raw).Should().Equal(expected);
        Decompress(expected, raw.Length).Should().Equal(raw);
    }

    [Fact]
    public void Long_runs_use_length_bytes_of_255_and_decode_back()
    {
        byte[] raw = new byte[100_000];
        byte[] packed = Compress(raw);

        // One sequence: a literal, a match of 99,994 bytes (15 in the token, then 392 × 255 and 15: 99,994 − 4 − 15 = 99,975).
        packed[0].Should().Be(0x1F);
        packed.AsSpan(4, 392).ToArray().Should().OnlyContain(b => b == 255);
        packed[396].Should().Be(15);
        packed.Length.Should().Be(1 + 1 + 2 + 392 + 1 + 1 + 5);
        Decompress(packed, raw.Length).Should().Equal(raw);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(17)]
    [InlineData(4_096)]
    [InlineData(65_536)]
    [InlineData(200_003)]
    public void Random_bytes_of_any_length_round_trip_and_stay_within_the_bound(int length)
    {
        byte[] raw = new byte[length];
        new Random(length).NextBytes(raw);
        byte[] packed = Compress(raw);

        packed.Length.Should().BeLessThanOrEqualTo(Lz4BlockEncoder.MaxCompressedLength(length));
        Decompress(packed, length).Should().Equal(raw);
    }

    [Fact]
    public void An_empty_block_is_a_single_zero_token()
    {
        Compress([]).Should().Equal(0x00);
        Decompress([0x00], 0).Should().BeEmpty();
    }

    [Fact]
    public void Repeats_further_apart_than_the_window_still_round_trip()
    {
        // 70,000 random bytes twice: the second copy is 70,000 back, beyond the 65,535-byte offset limit.
        byte[] half = new byte[70_000];
        new Random(7).NextBytes(half);
        byte[] raw = [.. half, .. half];

        byte[] packed = Compress(raw);
        packed.Length.Should().BeGreaterThan(raw.Length, "no match is in reach, so everything is literals");
        Decompress(packed, raw.Length).Should().Equal(raw);
    }

    [Fact]
    public void Every_block_of_the_bundled_sample_round_trips_and_the_whole_shrinks_to_the_pinned_size()
    {
        List<byte[]> blocks = SampleBlocks.Value;
        long raw = 0;
        long packed = 0;
        foreach (byte[] block in blocks)
        {
            byte[] compressed = Compress(block);
            Decompress(compressed, block.Length).Should().Equal(block);
            raw += block.Length;
            packed += compressed.Length;
        }

        blocks.Should().HaveCount(75);
        raw.Should().Be(4_907_370);
        packed.Should().Be(4_089_297, "the encoder is deterministic: search depth 32, greedy parse");
    }

    [Fact]
    public void A_block_compressed_by_the_reference_lz4_tool_decodes_to_the_sample_block()
    {
        // `lz4 -9 -B5 -BI --no-frame-crc` (v1.9.4) on the sample's first raw block; the fixture is the frame's one block.
        byte[] reference = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Recording", "Fixtures", "sample-block0-lz4-reference-level9.lz4"));
        byte[] block = SampleBlocks.Value[0];

        reference.Length.Should().Be(55_033);
        Decompress(reference, block.Length).Should().Equal(block);
        Compress(block).Length.Should().Be(55_792, "ours is greedy: within 1.4 % of the reference's level 9 (hash chains with lazy matching)");
    }

    [Fact]
    public void A_sample_block_decodes_the_same_with_any_search_depth()
    {
        byte[] block = SampleBlocks.Value[3];
        byte[] shallow = Compress(block, searchDepth: 1);
        byte[] deep = Compress(block, searchDepth: 64);

        deep.Length.Should().BeLessThan(shallow.Length, "a deeper search finds longer matches");
        Decompress(shallow, block.Length).Should().Equal(block);
        Decompress(deep, block.Length).Should().Equal(block);
    }

    [Theory]
    // offset 0 is not a valid back reference
    [InlineData(new byte[] { 0x10, 0x61, 0x00, 0x00, 0x50, 0x61, 0x61, 0x61, 0x61, 0x61 }, 2, "match offset 0 points before the block start (at raw byte 1)")]
    // offset 2 with only 1 byte written so far
    [InlineData(new byte[] { 0x10, 0x61, 0x02, 0x00, 0x50, 0x61, 0x61, 0x61, 0x61, 0x61 }, 2, "match offset 2 points before the block start (at raw byte 1)")]
    // 3 literals announced, 2 present
    [InlineData(new byte[] { 0x30, 0x61, 0x61 }, 0, "literal run of 3 bytes runs past the payload end")]
    // literal length continues past the end
    [InlineData(new byte[] { 0xF0, 0xFF }, 2, "literal length runs past the payload end")]
    // match offset cut off after the literals
    [InlineData(new byte[] { 0x10, 0x61, 0x01 }, 2, "match offset cut off by the payload end")]
    // a match that would be the last sequence
    [InlineData(new byte[] { 0x10, 0x61, 0x01, 0x00 }, 4, "payload ends after a match: the last sequence must be literals")]
    // a match longer than the raw length
    [InlineData(new byte[] { 0x1F, 0x61, 0x01, 0x00, 0x64, 0x00 }, 0, "match of 119 bytes overflows the 20 raw bytes")]
    // fewer bytes than the raw length
    [InlineData(new byte[] { 0x20, 0x61, 0x61 }, 3, "payload ends after 2 of 20 raw bytes")]
    [InlineData(new byte[0], 0, "empty payload for 20 raw bytes")]
    public void Damaged_payloads_are_refused_at_the_byte_where_they_go_wrong(byte[] payload, int offset, string reason)
    {
        byte[] output = new byte[20];
        Lz4BlockDecoder.TryDecompress(payload, output, out Lz4Error error).Should().BeFalse();
        error.Should().Be(new Lz4Error(offset, reason));
    }

    [Fact]
    public void Literals_beyond_the_raw_length_are_refused_at_their_token()
    {
        byte[] payload = [0x50, .. "aaaaa"u8];
        Lz4BlockDecoder.TryDecompress(payload, new byte[4], out Lz4Error error).Should().BeFalse();
        error.Should().Be(new Lz4Error(0, "literal run of 5 bytes overflows the 4 raw bytes"));
    }

    [Fact]
    public void Any_single_flipped_byte_in_a_real_block_is_refused_or_decodes_within_bounds()
    {
        // Damage the CRC would catch in a file: the decoder itself must still never read or write out of bounds.
        byte[] block = SampleBlocks.Value[0];
        byte[] packed = Compress(block);
        byte[] output = new byte[block.Length];
        var random = new Random(11);
        int refused = 0;
        for (int i = 0; i < 2_000; i++)
        {
            byte[] damaged = (byte[])packed.Clone();
            damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
            if (!Lz4BlockDecoder.TryDecompress(damaged, output, out Lz4Error error))
            {
                error.PayloadOffset.Should().BeInRange(0, damaged.Length);
                refused++;
            }
        }

        refused.Should().BeGreaterThan(0);
    }

    [Fact]
    public void Compressing_into_a_too_small_buffer_is_refused_with_the_sizes()
    {
        var encoder = new Lz4BlockEncoder();
        Action compress = () => encoder.Compress(new byte[1_000], new byte[100]);
        compress.Should().Throw<ArgumentException>().WithMessage("destination of 100 bytes is smaller than the 1019 bytes 1000 raw bytes may need*");
    }

    private static byte[] Compress(byte[] raw, int searchDepth = 32)
    {
        byte[] buffer = new byte[Lz4BlockEncoder.MaxCompressedLength(raw.Length)];
        int written = new Lz4BlockEncoder(searchDepth).Compress(raw, buffer);
        return buffer.AsSpan(0, written).ToArray();
    }

    private static byte[] Decompress(byte[] packed, int rawLength)
    {
        byte[] output = new byte[rawLength];
        Lz4BlockDecoder.TryDecompress(packed, output, out Lz4Error error).Should().BeTrue(error.ToString());
        return output;
    }

    private static List<byte[]> ReadSampleBlocks()
    {
        using var temp = new TempDirectory();
        string path = temp.File("sample-none.ftrec");
        using (RecordingReader reader = RecordingReader.Open(BundledSample.Path))
        using (RecordingWriter writer = RecordingWriter.Create(path, reader.Header, new RecordingWriterOptions { Codec = RecordingCodec.None }))
        {
            while (reader.TryRead(out MarketEvent ev))
            {
                writer.Write(ev);
            }
        }

        byte[] file = File.ReadAllBytes(path);
        return RecordingFile.Blocks(file).Select(b => file.AsSpan((int)b.PayloadOffset, b.PayloadLength).ToArray()).ToList();
    }
}
