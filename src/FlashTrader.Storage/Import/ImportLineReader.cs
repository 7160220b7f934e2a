using System.IO.Compression;

namespace FlashTrader.Storage.Import;

/// <summary>
/// Reads an input file line by line as UTF-8 bytes, without a string per line. Gzip is detected by its magic bytes
/// (1F 8B), not by the file name. Lines end at LF; a trailing CR is dropped.
/// </summary>
internal sealed class ImportLineReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;

    private ImportLineReader(Stream stream, string path, bool gzip)
    {
        _stream = stream;
        Path = path;
        FileName = System.IO.Path.GetFileName(path);
        IsGzip = gzip;
    }

    public string Path { get; }

    /// <summary>The name used in messages ("btcusdt_20240808.gz:1234: ...").</summary>
    public string FileName { get; }

    public bool IsGzip { get; }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    public static ImportLineReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImportException($"input not found: {path}");
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            int n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            bool gzip = n == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: false) : file;
            return new ImportLineReader(stream, path, gzip);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The next line (valid until the next call), or false at the end of the file.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        int searchFrom = _start;
        while (true)
        {
            int nl = _buffer.AsSpan(searchFrom, _end - searchFrom).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                int lineEnd = searchFrom + nl;
                line = TrimCr(_buffer.AsSpan(_start, lineEnd - _start));
                _start = lineEnd + 1;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                if (_start < _end)
                {
                    line = TrimCr(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    LineNumber++;
                    return true;
                }

                line = default;
                return false;
            }

            searchFrom = Fill();
        }
    }

    /// <summary>Moves the partial line to the front, grows the buffer if the line fills it, reads more; returns where to resume the search.</summary>
    private int Fill()
    {
        int pending = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
        return pending;
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    public void Dispose() => _stream.Dispose();
}
