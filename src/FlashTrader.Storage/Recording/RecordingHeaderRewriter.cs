using System.Buffers.Binary;

namespace FlashTrader.Storage.Recording;

/// <summary>
/// Copies a recording under a new header. Blocks do not refer to the header's bytes (only to its symbol indices), so
/// they are copied verbatim. Importers use it to write notes that are only known once every event has been read.
/// </summary>
internal static class RecordingHeaderRewriter
{
    public static void Rewrite(string source, string destination, RecordingHeader header)
    {
        using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> prefix = stackalloc byte[14];
        if (input.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length
            || !prefix[..8].SequenceEqual(RecordingFormat.FileMagic))
        {
            throw new RecordingCorruptException(source, 0, "not a FlashTrader recording (bad magic)");
        }

        int version = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
        int headerLength = BinaryPrimitives.ReadInt32LittleEndian(prefix[10..]);
        input.Position = 14L + headerLength + 4;
        using var output = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);

        // The copied blocks keep their event layout, so the new header keeps the source's format version.
        RecordingWriter.WriteFileHeader(output, header with { FormatVersion = version });
        input.CopyTo(output);
    }
}
