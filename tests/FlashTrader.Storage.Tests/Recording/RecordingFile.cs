using System.Buffers.Binary;

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
}
