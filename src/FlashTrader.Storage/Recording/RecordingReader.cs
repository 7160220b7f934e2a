using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text.Json;
using FlashTrader.Core.Market;

namespace FlashTrader.Storage.Recording;

/// <summary>
/// Streams the events of a recording block by block (never the whole file in memory, no allocation per event).
/// A damaged block throws <see cref="RecordingCorruptException"/> naming its byte offset; a tail cut short
/// (a crash while recording) ends the stream with <see cref="TruncatedTail"/> set, after every complete block.
/// Depth levels and raw payloads of the current event live in buffers reused by the next <see cref="TryRead"/>.
/// </summary>
public sealed class RecordingReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly BlockEventDecoder _decoder = new();
    private readonly Crc32 _crc = new();
    private readonly byte[] _blockHeader = new byte[RecordingFormat.BlockHeaderLength];
    private byte[] _payload = new byte[RecordingFormat.DefaultBlockRawBytes];

    // Blocks close once they pass the default size, so they hold a little more: room for one large event more.
    private byte[] _raw = new byte[RecordingFormat.DefaultBlockRawBytes * 2];
    private int _remainingInBlock;
    private long _blockOffset;
    private long _position;
    private readonly int _symbolCount;

    public RecordingReader(Stream stream, string name, bool ownsStream = false)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        Name = name;
        Header = ReadFileHeader();
        _symbolCount = Header.Symbols.Count;
    }

    public static RecordingReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"recording not found: {path}", path);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new RecordingReader(stream, path, ownsStream: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public string Name { get; }

    public RecordingHeader Header { get; }

    public long EventsRead { get; private set; }

    public long BlocksRead { get; private set; }

    /// <summary>Set when the file ends inside a block: everything before <see cref="TruncatedAtOffset"/> was read.</summary>
    public bool TruncatedTail { get; private set; }

    public long TruncatedAtOffset { get; private set; }

    /// <summary>A human-readable warning about the truncated tail, or null.</summary>
    public string? Warning => TruncatedTail
        ? $"{Name}: recording ends inside a block at byte offset {TruncatedAtOffset} (cut short while recording?); the {EventsRead} events before it were read"
        : null;

    public bool TryRead(out MarketEvent ev)
    {
        while (_remainingInBlock == 0)
        {
            if (!ReadBlock())
            {
                ev = default;
                return false;
            }
        }

        try
        {
            ev = _decoder.Next(_symbolCount);
        }
        catch (InvalidDataException ex)
        {
            throw new RecordingCorruptException(Name, _blockOffset, $"block does not decode: {ex.Message}");
        }

        _remainingInBlock--;
        EventsRead++;
        if (_remainingInBlock == 0 && _decoder.HasMore)
        {
            throw new RecordingCorruptException(Name, _blockOffset, "block holds more bytes than its event count accounts for");
        }

        return true;
    }

    private RecordingHeader ReadFileHeader()
    {
        Span<byte> prefix = stackalloc byte[14];
        if (_stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length)
        {
            throw new RecordingCorruptException(Name, 0, "file is too short to be a FlashTrader recording");
        }

        if (!prefix[..8].SequenceEqual(RecordingFormat.FileMagic))
        {
            throw new RecordingCorruptException(Name, 0, "not a FlashTrader recording (bad magic)");
        }

        int version = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
        if (version != RecordingFormat.CurrentVersion)
        {
            throw new RecordingCorruptException(Name, 8, $"format version {version} is not supported (this build reads version {RecordingFormat.CurrentVersion})");
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(prefix[10..]);
        if (length is <= 0 or > 1 << 24)
        {
            throw new RecordingCorruptException(Name, 10, $"header length {length} is out of range");
        }

        byte[] json = new byte[length + 4];
        if (_stream.ReadAtLeast(json, json.Length, throwOnEndOfStream: false) < json.Length)
        {
            throw new RecordingCorruptException(Name, 14, "file ends inside the header");
        }

        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(json.AsSpan(length));
        if (Crc32.HashToUInt32(json.AsSpan(0, length)) != expected)
        {
            throw new RecordingCorruptException(Name, 14, "header checksum mismatch");
        }

        _position = 14 + json.Length;
        try
        {
            RecordingHeader header = RecordingHeader.FromUtf8(json.AsSpan(0, length));
            if (header.Symbols.Count == 0)
            {
                throw new RecordingCorruptException(Name, 14, "header lists no symbols");
            }

            return header;
        }
        catch (JsonException ex)
        {
            throw new RecordingCorruptException(Name, 14, $"header is not valid JSON: {ex.Message}");
        }
    }

    private bool ReadBlock()
    {
        _blockOffset = _position;
        int got = _stream.ReadAtLeast(_blockHeader, _blockHeader.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            return false;
        }

        if (got < _blockHeader.Length)
        {
            return Truncated();
        }

        ReadOnlySpan<byte> h = _blockHeader;
        if (!h[..4].SequenceEqual(RecordingFormat.BlockMagic))
        {
            throw new RecordingCorruptException(Name, _blockOffset, "bad block magic");
        }

        var codec = (RecordingCodec)h[4];
        int payloadLength = BinaryPrimitives.ReadInt32LittleEndian(h[8..]);
        int rawLength = BinaryPrimitives.ReadInt32LittleEndian(h[12..]);
        int eventCount = BinaryPrimitives.ReadInt32LittleEndian(h[16..]);
        long firstNs = BinaryPrimitives.ReadInt64LittleEndian(h[20..]);
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(h[36..]);
        if (payloadLength is < 0 or > RecordingFormat.MaxBlockBytes || rawLength is < 0 or > RecordingFormat.MaxBlockBytes || eventCount <= 0)
        {
            throw new RecordingCorruptException(Name, _blockOffset, $"block lengths out of range (payload {payloadLength}, raw {rawLength}, events {eventCount})");
        }

        // An uncompressed block is read straight into the decode buffer; a compressed one into the payload buffer.
        ref byte[] target = ref codec == RecordingCodec.None ? ref _raw : ref _payload;
        if (target.Length < payloadLength)
        {
            target = new byte[Math.Max(payloadLength, target.Length * 2)];
        }

        Span<byte> payload = target.AsSpan(0, payloadLength);
        if (_stream.ReadAtLeast(payload, payloadLength, throwOnEndOfStream: false) < payloadLength)
        {
            return Truncated();
        }

        _crc.Reset();
        _crc.Append(h[..36]);
        _crc.Append(payload);
        if (_crc.GetCurrentHashAsUInt32() != crc)
        {
            throw new RecordingCorruptException(Name, _blockOffset, "block checksum mismatch");
        }

        _position += RecordingFormat.BlockHeaderLength + payloadLength;
        if (codec is not (RecordingCodec.Brotli or RecordingCodec.None))
        {
            throw new RecordingCorruptException(Name, _blockOffset, $"unknown codec {(byte)codec}");
        }

        if (codec == RecordingCodec.None && payloadLength != rawLength)
        {
            throw new RecordingCorruptException(Name, _blockOffset, "uncompressed block with payload length different from raw length");
        }

        if (codec == RecordingCodec.Brotli)
        {
            if (_raw.Length < rawLength)
            {
                _raw = new byte[Math.Max(rawLength, _raw.Length * 2)];
            }

            if (!BrotliDecoder.TryDecompress(payload, _raw.AsSpan(0, rawLength), out int written) || written != rawLength)
            {
                throw new RecordingCorruptException(Name, _blockOffset, "block does not decompress to its recorded length");
            }
        }

        _decoder.Start(_raw, rawLength, firstNs);
        _remainingInBlock = eventCount;
        BlocksRead++;
        return true;
    }

    private bool Truncated()
    {
        TruncatedTail = true;
        TruncatedAtOffset = _blockOffset;
        return false;
    }

    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
