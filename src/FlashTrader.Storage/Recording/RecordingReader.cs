using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text.Json;
using FlashTrader.Core.Market;

namespace FlashTrader.Storage.Recording;

/// <summary>
/// Streams the events of a recording block by block (never the whole file in memory, no allocation per event).
/// A damaged block throws <see cref="RecordingCorruptException"/> naming its byte offset; a tail cut short
/// (a crash while recording) ends the stream with <see cref="TruncatedTail"/> set, after every complete block.
/// Depth levels and raw payloads of the current event live in buffers reused by the next <see cref="TryRead"/>.
/// With read-ahead (the default on a machine with more than one processor) the next blocks are read and decompressed
/// on a second thread while this one decodes events; dispose the reader to stop that thread.
/// </summary>
public sealed class RecordingReader : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly BlockEventDecoder _decoder;
    private readonly BlockFileReader _blocks;
    private readonly DecodedBlock? _single;
    private static readonly string BrotliCodecName = RecordingCodec.Brotli.ToString().ToLowerInvariant();

    private readonly BlockReadAhead? _readAhead;
    private DecodedBlock? _block;
    private int _remainingInBlock;
    private bool _finished;

    /// <param name="readAhead">Decompress the next blocks on a second thread; null: for a Brotli recording when the machine
    /// has more than one processor.</param>
    public RecordingReader(Stream stream, string name, bool ownsStream = false, bool? readAhead = null)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        Name = name;
        Header = ReadFileHeader(out long position);
        _decoder = new BlockEventDecoder(Header.FormatVersion, Header.Symbols.Count);
        _blocks = new BlockFileReader(stream, name, position);
        // Brotli costs ~200 ns/event to decompress, which a second thread hides. LZ4 costs ~20 ns/event: inline reads hold
        // at 188-221 ns/event on two cores, while handing blocks between threads swung between 144 and 545 across runs.
        if (readAhead ?? (Environment.ProcessorCount > 1 && Header.Codec == BrotliCodecName))
        {
            _readAhead = new BlockReadAhead(_blocks, name);
        }
        else
        {
            _single = new DecodedBlock();
        }
    }

    /// <param name="readAhead">Decompress the next blocks on a second thread; null: for a Brotli recording when the machine
    /// has more than one processor.</param>
    public static RecordingReader Open(string path, bool? readAhead = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"recording not found: {path}", path);
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new RecordingReader(stream, path, ownsStream: true, readAhead);
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

    /// <summary>Whether blocks are decompressed on a second thread.</summary>
    public bool ReadsAhead => _readAhead is not null;

    /// <summary>Bytes allocated by the read-ahead thread so far (0 without read-ahead): lets tests see that it stays allocation-free.</summary>
    internal long ReadAheadAllocatedBytes => _readAhead?.AllocatedBytes ?? 0;

    /// <summary>A human-readable warning about the truncated tail, or null.</summary>
    public string? Warning => TruncatedTail
        ? $"{Name}: recording ends inside a block at byte offset {TruncatedAtOffset} (cut short while recording?); the {EventsRead} events before it were read"
        : null;

    public bool TryRead(out MarketEvent ev)
    {
        if (_remainingInBlock == 0 && !NextBlock())
        {
            ev = default;
            return false;
        }

        try
        {
            _decoder.Next(out ev);
        }
        catch (InvalidDataException ex)
        {
            throw new RecordingCorruptException(Name, _block!.Offset, $"block does not decode: {ex.Message}");
        }

        _remainingInBlock--;
        EventsRead++;
        if (_remainingInBlock == 0 && _decoder.HasMore)
        {
            throw new RecordingCorruptException(Name, _block!.Offset, "block holds more bytes than its event count accounts for");
        }

        return true;
    }

    private bool NextBlock()
    {
        if (_finished)
        {
            return false;
        }

        DecodedBlock block;
        if (_readAhead is not null)
        {
            block = _readAhead.Take();
        }
        else
        {
            block = _single!;
            _blocks.ReadNext(block);
        }

        _block = block;
        switch (block.Status)
        {
            case BlockStatus.Ready:
                _decoder.Start(block.Raw, block.RawLength, block.FirstExchangeNs);
                _remainingInBlock = block.EventCount;
                BlocksRead++;
                return true;
            case BlockStatus.Truncated:
                TruncatedTail = true;
                TruncatedAtOffset = block.Offset;
                _finished = true;
                return false;
            case BlockStatus.Failed:
                block.Error!.Throw();
                return false;
            default:
                _finished = true;
                return false;
        }
    }

    private RecordingHeader ReadFileHeader(out long position)
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
        if (version is < RecordingFormat.OldestReadableVersion or > RecordingFormat.CurrentVersion)
        {
            throw new RecordingCorruptException(Name, 8,
                $"format version {version} is not supported (this build reads versions {RecordingFormat.OldestReadableVersion} to {RecordingFormat.CurrentVersion})");
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

        position = 14 + json.Length;
        try
        {
            RecordingHeader header = RecordingHeader.FromUtf8(json.AsSpan(0, length));
            if (header.Symbols.Count == 0)
            {
                throw new RecordingCorruptException(Name, 14, "header lists no symbols");
            }

            if (header.FormatVersion != version)
            {
                // The decoder picks the event layout by version: a disagreement would decode garbage.
                throw new RecordingCorruptException(Name, 14, $"header says format version {header.FormatVersion} but the file prefix says {version}");
            }

            return header;
        }
        catch (JsonException ex)
        {
            throw new RecordingCorruptException(Name, 14, $"header is not valid JSON: {ex.Message}");
        }
    }

    public void Dispose()
    {
        _readAhead?.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
