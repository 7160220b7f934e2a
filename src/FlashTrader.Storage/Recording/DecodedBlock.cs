using System.Runtime.ExceptionServices;

namespace FlashTrader.Storage.Recording;

/// <summary>What reading the next block found: a block to decode, the clean end, a cut-off tail, or damage.</summary>
internal enum BlockStatus
{
    Ready,
    End,
    Truncated,
    Failed,
}

/// <summary>
/// One block read off the file, checked and decompressed, ready for <see cref="BlockEventDecoder"/>. Its buffers are
/// kept and reused for later blocks, so reading allocates nothing once they have reached the file's block size.
/// </summary>
internal sealed class DecodedBlock
{
    /// <summary>The compressed bytes as stored (unused for uncompressed blocks, which are read straight into <see cref="Raw"/>).</summary>
    public byte[] Payload = new byte[RecordingFormat.DefaultBlockRawBytes];

    // Blocks close once they pass the default size, so they hold a little more: room for one large event more, and the
    // decoder's slack after it (see BlockEventDecoder.ReadSlack).
    public byte[] Raw = new byte[(RecordingFormat.DefaultBlockRawBytes * 2) + BlockEventDecoder.ReadSlack];

    public BlockStatus Status;

    /// <summary>Byte offset of the block header in the file: what errors about this block name.</summary>
    public long Offset;

    public RecordingCodec Codec;

    public int RawLength;

    public int EventCount;

    public long FirstExchangeNs;

    /// <summary>Set with <see cref="BlockStatus.Failed"/>: the error to raise when the reader reaches this block.</summary>
    public ExceptionDispatchInfo? Error;

    /// <summary>Grows <see cref="Raw"/> to hold <paramref name="rawLength"/> bytes and the decoder's slack after them.</summary>
    public void EnsureRaw(int rawLength)
    {
        int needed = rawLength + BlockEventDecoder.ReadSlack;
        if (Raw.Length < needed)
        {
            Raw = new byte[Math.Max(needed, Raw.Length * 2)];
        }
    }
}
