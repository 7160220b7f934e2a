using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using FlashTrader.Core.Market;

namespace FlashTrader.Storage.Recording;

public sealed record RecordingWriterOptions
{
    /// <summary>LZ4 by default: replay reads it fastest; Brotli writes the smallest files.</summary>
    public RecordingCodec Codec { get; init; } = RecordingCodec.Lz4;

    /// <summary>Raw bytes per block: larger compresses better, smaller loses less on a crash.</summary>
    public int BlockRawBytes { get; init; } = RecordingFormat.DefaultBlockRawBytes;

    /// <summary>Brotli quality 0..11; 5 balances recording speed against size.</summary>
    public int BrotliQuality { get; init; } = 5;
}

/// <summary>
/// Appends events to a recording. Blocks are written whole, so a crash while recording leaves a readable prefix
/// (the reader warns about the cut-off tail). Not thread-safe: one writer per file.
/// </summary>
public sealed class RecordingWriter : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly RecordingWriterOptions _options;
    private readonly BlockEventEncoder _encoder;
    private readonly Crc32 _crc = new();
    private readonly Lz4BlockEncoder? _lz4;
    private readonly int _symbolCount;
    private byte[] _compressed;
    private bool _disposed;

    public RecordingWriter(Stream stream, RecordingHeader header, RecordingWriterOptions? options = null, bool ownsStream = false)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _options = options ?? new RecordingWriterOptions();
        Header = header with { FormatVersion = RecordingFormat.CurrentVersion, Codec = _options.Codec.ToString().ToLowerInvariant() };
        _symbolCount = header.Symbols.Count;
        WriteFileHeader(_stream, Header);
        _encoder = new BlockEventEncoder(_options.BlockRawBytes + 1024, _symbolCount);
        _lz4 = _options.Codec == RecordingCodec.Lz4 ? new Lz4BlockEncoder() : null;
        _compressed = new byte[MaxPayloadLength(_options.BlockRawBytes + 1024)];
    }

    public RecordingHeader Header { get; }

    public long EventsWritten { get; private set; }

    public long BlocksWritten { get; private set; }

    public static RecordingWriter Create(string path, RecordingHeader header, RecordingWriterOptions? options = null)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        return new RecordingWriter(stream, header, options, ownsStream: true);
    }

    public void Write(in MarketEvent ev)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if ((uint)ev.SymbolId >= (uint)_symbolCount)
        {
            throw new ArgumentException($"symbol id {ev.SymbolId} is not in the header's {_symbolCount} symbols", nameof(ev));
        }

        _encoder.Append(ev);
        EventsWritten++;
        if (_encoder.Length >= _options.BlockRawBytes)
        {
            WriteBlock();
        }
    }

    /// <summary>Ends the current block and pushes it to the OS, so it survives a crash of this process.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        WriteBlock();
        _stream.Flush();
    }

    /// <summary>Magic, version (the header's), header JSON and its checksum.</summary>
    internal static void WriteFileHeader(Stream stream, RecordingHeader header)
    {
        byte[] json = header.ToUtf8();
        Span<byte> prefix = stackalloc byte[14];
        RecordingFormat.FileMagic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], (ushort)header.FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[10..], json.Length);
        stream.Write(prefix);
        stream.Write(json);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32.HashToUInt32(json));
        stream.Write(crc);
    }

    private void WriteBlock()
    {
        if (_encoder.EventCount == 0)
        {
            return;
        }

        ReadOnlySpan<byte> raw = _encoder.Written;
        ReadOnlySpan<byte> payload;
        RecordingCodec codec = _options.Codec;
        if (codec != RecordingCodec.None && _compressed.Length < MaxPayloadLength(raw.Length))
        {
            _compressed = new byte[MaxPayloadLength(raw.Length)];
        }

        if (codec == RecordingCodec.Brotli)
        {
            if (!BrotliEncoder.TryCompress(raw, _compressed, out int written, _options.BrotliQuality, 22))
            {
                throw new InvalidOperationException("Brotli compression of a recording block failed");
            }

            payload = _compressed.AsSpan(0, written);
        }
        else if (codec == RecordingCodec.Lz4)
        {
            payload = _compressed.AsSpan(0, _lz4!.Compress(raw, _compressed));
        }
        else
        {
            payload = raw;
        }

        Span<byte> header = stackalloc byte[RecordingFormat.BlockHeaderLength];
        BlockEventEncoder.WriteBlockHeader(header, codec, payload.Length, raw.Length, _encoder.EventCount, _encoder.FirstExchangeNs, _encoder.LastExchangeNs);
        _crc.Reset();
        _crc.Append(header[..36]);
        _crc.Append(payload);
        BinaryPrimitives.WriteUInt32LittleEndian(header[36..], _crc.GetCurrentHashAsUInt32());
        _stream.Write(header);
        _stream.Write(payload);
        BlocksWritten++;
        _encoder.Reset();
    }

    private static int MaxPayloadLength(int rawLength) =>
        Math.Max(BrotliEncoder.GetMaxCompressedLength(rawLength), Lz4BlockEncoder.MaxCompressedLength(rawLength));

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        WriteBlock();
        _stream.Flush();
        _disposed = true;
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
