using System.Text;
using FlashTrader.Core.Market;

namespace FlashTrader.Storage.Import;

/// <summary>
/// Reads a CSV source row by row: columns by header name, one symbol per file (read from the first data row
/// before the import starts, so the recording header can list it), malformed rows reported with file and line.
/// </summary>
internal abstract class CsvImportStream : IImportStream
{
    private readonly ImportLineReader _reader;
    private readonly int _symbolColumn;
    private readonly byte[] _sourceSymbol;
    private bool _ended;

    protected CsvImportStream(string path, IReadOnlyDictionary<string, string> symbolMap, ImportDiagnostics diagnostics)
    {
        Diagnostics = diagnostics;
        string sourceSymbol = FirstSymbol(path);
        SourceSymbol = sourceSymbol;
        _sourceSymbol = Encoding.UTF8.GetBytes(sourceSymbol);
        Symbol = symbolMap.TryGetValue(sourceSymbol, out string? mapped) ? mapped : sourceSymbol.ToUpperInvariant();
        _reader = ImportLineReader.Open(path);
        try
        {
            Header = CsvHeader.Read(_reader);
            Fields = new CsvFields(Header.Count);
            _symbolColumn = Header.Require("symbol");
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    public string Symbol { get; }

    public string SourceSymbol { get; }

    public string FileName => _reader.FileName;

    protected CsvHeader Header { get; }

    protected CsvFields Fields { get; }

    protected ImportDiagnostics Diagnostics { get; }

    public bool TryNext(out MarketEvent ev)
    {
        while (!_ended)
        {
            if (!_reader.TryReadLine(out ReadOnlySpan<byte> line))
            {
                _ended = true;
                return TryEnd(out ev);
            }

            if (line.IsEmpty)
            {
                continue;
            }

            try
            {
                Fields.Split(line);
                ReadOnlySpan<byte> symbol = line[Fields[_symbolColumn]];
                if (!symbol.SequenceEqual(_sourceSymbol))
                {
                    throw new BadLineException($"symbol '{ImportValue.Text(symbol)}' differs from the file's first symbol {SourceSymbol} (one symbol per file)");
                }

                if (TryRow(line, out ev))
                {
                    return true;
                }
            }
            catch (BadLineException ex)
            {
                Diagnostics.BadLine(_reader.FileName, _reader.LineNumber, ex.Message);
            }
        }

        ev = default;
        return false;
    }

    /// <summary>Handles a split data row; returns an event when one is complete.</summary>
    protected abstract bool TryRow(ReadOnlySpan<byte> line, out MarketEvent ev);

    /// <summary>At the end of the file: the last pending event, if any.</summary>
    protected virtual bool TryEnd(out MarketEvent ev)
    {
        ev = default;
        return false;
    }

    /// <summary>A required column; a missing one fails the import (and closes the file, as the stream will not exist).</summary>
    protected int Column(string name)
    {
        try
        {
            return Header.Require(name);
        }
        catch
        {
            _reader.Dispose();
            throw;
        }
    }

    private static string FirstSymbol(string path)
    {
        using ImportLineReader reader = ImportLineReader.Open(path);
        CsvHeader header = CsvHeader.Read(reader);
        int column = header.Require("symbol");
        var fields = new CsvFields(header.Count);
        while (reader.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            try
            {
                fields.Split(line);
                ReadOnlySpan<byte> symbol = line[fields[column]];
                if (!symbol.IsEmpty)
                {
                    return Encoding.UTF8.GetString(symbol);
                }
            }
            catch (BadLineException)
            {
                // reported with its line number by the import pass
            }
        }

        throw new ImportException($"{reader.FileName}: no data row with a symbol");
    }

    public void Dispose() => _reader.Dispose();
}
