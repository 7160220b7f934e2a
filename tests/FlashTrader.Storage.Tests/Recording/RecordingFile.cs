using System.Buffers.Binary;
using System.IO.Hashing;

namespace FlashTrader.Storage.Tests.Recording;

/// <summary>The block layout of a recording file, read from the raw bytes (independently of RecordingReader).</summary>
internal static class RecordingFile
{
    public readonly record struct Block(long Offset, int PayloadLength, int EventCount)
    {
        public long PayloadOffset => Offset + 40;

        public long End => PayloadOffset + PayloadLength;
    }

    public static List<Block> Blocks(byte[] file)
    {
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(10));
        long offset = 14 + headerLength + 4;
        var blocks = new List<Block>();
        while (offset < file.Length)
        {
            ReadOnlySpan<byte> h = file.AsSpan((int)offset, 40);
            h[..4].SequenceEqual("FTBK"u8).Should().BeTrue($"a block starts at {offset}");
            var block = new Block(offset, BinaryPrimitives.ReadInt32LittleEndian(h[8..]), BinaryPrimitives.ReadInt32LittleEndian(h[16..]));
            blocks.Add(block);
            offset = block.End;
        }

        return blocks;
    }

    /// <summary>
    /// The file with <paramref name="block"/>'s payload replaced by <paramref name="payload"/> (an uncompressed block:
    /// raw length = payload length) and its checksum made to match, so only the event decoder can notice damage.
    /// Blocks after it are kept as they are.
    /// </summary>
    public static byte[] WithUncompressedPayload(byte[] file, Block block, ReadOnlySpan<byte> payload)
    {
        var result = new List<byte>(file.Length);
        result.AddRange(file.AsSpan(0, (int)block.PayloadOffset));
        result.AddRange(payload);
        result.AddRange(file.AsSpan((int)block.End));
        byte[] bytes = result.ToArray();
        Span<byte> header = bytes.AsSpan((int)block.Offset, 40);
        header[4].Should().Be(0, "only an uncompressed block's payload is its raw bytes");
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], payload.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], payload.Length);
        var crc = new Crc32();
        crc.Append(header[..36]);
        crc.Append(payload);
        BinaryPrimitives.WriteUInt32LittleEndian(header[36..], crc.GetCurrentHashAsUInt32());
        return bytes;
    }
}
