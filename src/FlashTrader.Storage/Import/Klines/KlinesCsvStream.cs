using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Time;

namespace FlashTrader.Storage.Import.Klines;

/// <summary>
/// OHLCV bars from a CSV with a header (open_time|time|timestamp, open, high, low, close, volume, optional
/// quote_volume; time as ISO-8601 or epoch in any unit). The bar interval is the smallest positive step between
/// consecutive open times. Each bar is stamped at its close (open time + interval) on both clocks: a bar is only
/// known once it has closed, so a replay never sees it early.
/// </summary>
internal sealed class KlinesCsvStream : IImportStream
{
    private readonly List<Bar> _bars = [];
    private readonly long _intervalNs;
    private int _next;

    public KlinesCsvStream(string path, IReadOnlyDictionary<string, string> symbolMap, ImportDiagnostics diagnostics)
    {
        string fileName = Path.GetFileName(path);
        Symbol = SymbolOf(fileName, symbolMap);
        using ImportLineReader reader = ImportLineReader.Open(path);
        CsvHeader header = CsvHeader.Read(reader);
        int time = header.Require("open_time", "time", "timestamp");
        int open = header.Require("open");
        int high = header.Require("high");
        int low = header.Require("low");
        int close = header.Require("close");
        int volume = header.Require("volume");
        int quoteVolume = header.Find("quote_volume", "quote_asset_volume");
        var fields = new CsvFields(header.Count);
        long interval = long.MaxValue;
        while (reader.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            try
            {
                fields.Split(line);
                var bar = new Bar(
                    ImportValue.EpochOrIsoNs(line[fields[time]], "open time"),
                    ImportValue.Decimal(line[fields[open]], "open"),
                    ImportValue.Decimal(line[fields[high]], "high"),
                    ImportValue.Decimal(line[fields[low]], "low"),
                    ImportValue.Decimal(line[fields[close]], "close"),
                    ImportValue.Decimal(line[fields[volume]], "volume"),
                    quoteVolume < 0 ? Fixed8.Zero : ImportValue.Decimal(line[fields[quoteVolume]], "quote_volume"));
                if (_bars.Count > 0)
                {
                    long step = bar.OpenNs - _bars[^1].OpenNs;
                    if (step <= 0)
                    {
                        throw new BadLineException($"open time {EpochTimestamp.ToIso8601(bar.OpenNs)} is not after the previous bar's {EpochTimestamp.ToIso8601(_bars[^1].OpenNs)}");
                    }

                    interval = Math.Min(interval, step);
                }

                _bars.Add(bar);
            }
            catch (BadLineException ex)
            {
                diagnostics.BadLine(reader.FileName, reader.LineNumber, ex.Message);
            }
        }

        if (interval == long.MaxValue)
        {
            throw new ImportException($"{fileName}: cannot determine the bar interval: it needs at least two bars with different open times ({_bars.Count} read)");
        }

        if (interval % 1_000_000_000 != 0)
        {
            throw new ImportException($"{fileName}: bar interval of {interval} ns is not a whole number of seconds");
        }

        _intervalNs = interval;
        diagnostics.Note($"klines-csv: {fileName} has {interval / 1_000_000_000} s bars; each is stamped at its close (open time + interval) on both clocks, so no bar is seen before it closes");
    }

    public string Symbol { get; }

    public bool TryNext(out MarketEvent ev)
    {
        if (_next == _bars.Count)
        {
            ev = default;
            return false;
        }

        Bar b = _bars[_next++];
        long closeNs = b.OpenNs + _intervalNs;
        ev = MarketEvent.Kline(0, closeNs, closeNs, b.OpenNs, _intervalNs / 1_000_000_000, b.Open, b.High, b.Low, b.Close, b.Volume, b.QuoteVolume);
        return true;
    }

    /// <summary>The one entry of the symbol map, else the file name's prefix before '_' (BTCUSDC_1m_... is BTCUSDC) mapped.</summary>
    private static string SymbolOf(string fileName, IReadOnlyDictionary<string, string> symbolMap)
    {
        if (symbolMap.Count == 1)
        {
            return symbolMap.Values.First();
        }

        int underscore = fileName.IndexOf('_');
        if (underscore <= 0)
        {
            throw new ImportException($"{fileName}: cannot tell the symbol: name the file SYMBOL_... (e.g. BTCUSDC_1m_2023.csv) or pass a symbol map with one entry");
        }

        string prefix = fileName[..underscore].ToUpperInvariant();
        return symbolMap.TryGetValue(prefix, out string? mapped) ? mapped : prefix;
    }

    public void Dispose()
    {
    }

    private readonly record struct Bar(long OpenNs, Fixed8 Open, Fixed8 High, Fixed8 Low, Fixed8 Close, Fixed8 Volume, Fixed8 QuoteVolume);
}
