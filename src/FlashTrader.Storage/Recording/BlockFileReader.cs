using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace FlashTrader.Storage.Recording;

/// <summary>
/// Reads the blocks of a recording one after another from its stream (positioned after the file header): checks the
/// block header and checksum and decompresses the payload into a <see cref="DecodedBlock"/>. Errors name the block's
/// byte offset; a file ending inside a block is reported as <see cref="BlockStatus.Truncated"/>, not as an error.
/// </summary>
internal sealed class BlockFileReader
{
    private readonly Stream _stream;
    private readonly string _name;
    private readonly Crc32 _crc = new();
    private readonly byte[] _header = new byte[RecordingFormat.BlockHeaderLength];
    private long _position;

    public BlockFileReader(Stream stream, string name, long position)
    {
        _stream = stream;
        _name = name;
        _position = position;
    }

    /// <summary>Fills <paramref name="block"/> with the next block; throws <see cref="RecordingCorruptException"/> on damage.</summary>
    public void ReadNext(DecodedBlock block)
    {
        block.Offset = _position;
        block.Status = BlockStatus.Ready;
        int got = _stream.ReadAtLeast(_header, _header.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            block.Status = BlockStatus.End;
            return;
        }

        if (got < _header.Length)
        {
            block.Status = BlockStatus.Truncated;
            return;
        }

        ReadOnlySpan<byte> h = _header;
        if (!h[..4].SequenceEqual(RecordingFormat.BlockMagic))
        {
            throw new RecordingCorruptException(_name, block.Offset, "bad block magic");
        }

        var codec = (RecordingCodec)h[4];
        int payloadLength = BinaryPrimitives.ReadInt32LittleEndian(h[8..]);
        int rawLength = BinaryPrimitives.ReadInt32LittleEndian(h[12..]);
        int eventCount = BinaryPrimitives.ReadInt32LittleEndian(h[16..]);
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(h[36..]);
        if (payloadLength is < 0 or > RecordingFormat.MaxBlockBytes || rawLength is < 0 or > RecordingFormat.MaxBlockBytes || eventCount <= 0)
        {
            throw new RecordingCorruptException(_name, block.Offset, $"block lengths out of range (payload {payloadLength}, raw {rawLength}, events {eventCount})");
        }

        // An uncompressed block is read straight into the decode buffer (which keeps the decoder's slack after the
        // block); a compressed one into the payload buffer.
        bool direct = codec == RecordingCodec.None;
        ref byte[] target = ref direct ? ref block.Raw : ref block.Payload;
        int needed = direct ? payloadLength + BlockEventDecoder.ReadSlack : payloadLength;
        if (target.Length < needed)
        {
            target = new byte[Math.Max(needed, target.Length * 2)];
        }

        Span<byte> payload = target.AsSpan(0, payloadLength);
        if (_stream.ReadAtLeast(payload, payloadLength, throwOnEndOfStream: false) < payloadLength)
        {
            block.Status = BlockStatus.Truncated;
            return;
        }

        _crc.Reset();
        _crc.Append(h[..36]);
        _crc.Append(payload);
        if (_crc.GetCurrentHashAsUInt32() != crc)
        {
            throw new RecordingCorruptException(_name, block.Offset, "block checksum mismatch");
        }

        _position += RecordingFormat.BlockHeaderLength + payloadLength;
        switch (codec)
        {
            case RecordingCodec.None:
                if (payloadLength != rawLength)
                {
                    throw new RecordingCorruptException(_name, block.Offset, "uncompressed block with payload length different from raw length");
                }

                break;
            case RecordingCodec.Brotli:
                block.EnsureRaw(rawLength);

                if (!BrotliDecoder.TryDecompress(payload, block.Raw.AsSpan(0, rawLength), out int written) || written != rawLength)
                {
                    throw new RecordingCorruptException(_name, block.Offset, "block does not decompress to its recorded length");
                }

                break;
            case RecordingCodec.Lz4:
                block.EnsureRaw(rawLength);

                if (!Lz4BlockDecoder.TryDecompress(payload, block.Raw.AsSpan(0, rawLength), out Lz4Error error))
                {
                    long at = block.Offset + RecordingFormat.BlockHeaderLength + error.PayloadOffset;
                    throw new RecordingCorruptException(_name, block.Offset, $"LZ4 payload does not decompress: {error.Reason} (payload byte {error.PayloadOffset}, file byte offset {at})");
                }

                break;
            default:
                throw new RecordingCorruptException(_name, block.Offset, $"unknown codec {(byte)codec}");
        }

        block.Codec = codec;
        block.RawLength = rawLength;
        block.EventCount = eventCount;
        block.FirstExchangeNs = BinaryPrimitives.ReadInt64LittleEndian(h[20..]);
    }
}
