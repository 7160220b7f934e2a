using FlashTrader.Core.Market;
using FlashTrader.Storage.Import.Binance;
using FlashTrader.Storage.Import.Klines;
using FlashTrader.Storage.Import.Tardis;
using FlashTrader.Storage.Inspection;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Storage.Import;

/// <summary>
/// Converts third-party market data into a FlashTrader recording: one stream per source symbol (or file), merged in
/// time order into one multi-symbol recording. The recording is written beside the output under a temporary name and
/// only takes the output's name once complete, with the import's notes and warnings in its header.
/// </summary>
public static class RecordingImporter
{
    public static ImportResult Import(ImportRequest request, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ImportFormats.Known.Contains(request.Format, StringComparer.Ordinal))
        {
            throw new ImportException($"unknown import format '{request.Format}'; known formats: {string.Join(", ", ImportFormats.Known)}");
        }

        if (request.Inputs.Count == 0)
        {
            throw new ImportException($"{request.Format}: no input files");
        }

        if (string.IsNullOrWhiteSpace(request.Output))
        {
            throw new ImportException($"{request.Format}: no output recording path");
        }

        foreach (string input in request.Inputs)
        {
            if (!File.Exists(input))
            {
                throw new ImportException($"input not found: {input}");
            }
        }

        var symbolMap = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string source, string target) in request.SymbolMap)
        {
            symbolMap[source.ToUpperInvariant()] = target.ToUpperInvariant();
        }

        var diagnostics = new ImportDiagnostics(request.SkipBad, warn);
        List<IImportStream> streams = [];
        string temp = request.Output + ".importing";
        try
        {
            streams.AddRange(CreateStreams(request.Format, request.Inputs, symbolMap, diagnostics));
            List<string> symbols = streams.Select(s => s.Symbol).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            int[] symbolIds = streams.Select(s => symbols.IndexOf(s.Symbol)).ToArray();
            SymbolEventCounts[] counts = symbols.Select(s => new SymbolEventCounts(s)).ToArray();
            var header = new RecordingHeader
            {
                Symbols = symbols,
                Source = $"{request.Format}: {string.Join(", ", request.Inputs.Select(Path.GetFileName))}",
                Created = DateTimeOffset.UtcNow,
            };

            long events = 0;
            using (RecordingWriter writer = RecordingWriter.Create(temp, header))
            {
                var merge = new ImportMerge(streams, symbolIds);
                while (merge.TryNext(out MarketEvent ev))
                {
                    writer.Write(ev);
                    counts[ev.SymbolId].Add(ev.Kind);
                    events++;
                }

                header = writer.Header; // as written: codec and format version included
            }

            if (events == 0)
            {
                diagnostics.Warn($"{request.Format}: the inputs hold no events");
            }

            List<string> notes = [.. diagnostics.Notes, .. diagnostics.Warnings];
            if (diagnostics.SkippedLines > 0)
            {
                notes.Add($"skipped {diagnostics.SkippedLines} malformed lines; first: {diagnostics.SkippedSamples[0]}");
            }

            RecordingHeaderRewriter.Rewrite(temp, request.Output, header with { Notes = notes });
            return new ImportResult
            {
                Output = request.Output,
                Events = events,
                Symbols = counts,
                SkippedLines = diagnostics.SkippedLines,
                Warnings = diagnostics.Warnings.ToList(),
                SkippedSamples = diagnostics.SkippedSamples.ToList(),
                Notes = notes,
            };
        }
        finally
        {
            foreach (IImportStream stream in streams)
            {
                stream.Dispose();
            }

            File.Delete(temp);
        }
    }

    private static IEnumerable<IImportStream> CreateStreams(string format, IReadOnlyList<string> inputs, IReadOnlyDictionary<string, string> symbolMap, ImportDiagnostics diagnostics)
    {
        switch (format)
        {
            case ImportFormats.BinanceCapture:
                // One stream per source symbol: its files in the order of their first timestamp, not of their names.
                foreach (IGrouping<string, BinanceCaptureProbe> files in inputs.Select(BinanceCaptureProbe.Read)
                    .GroupBy(p => p.SourceSymbol, StringComparer.Ordinal)
                    .OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    string symbol = symbolMap.TryGetValue(files.Key, out string? mapped) ? mapped : files.Key;
                    yield return new BinanceCaptureStream(symbol, files.OrderBy(f => f.FirstLocalNs).ToList(), diagnostics);
                }

                break;
            case ImportFormats.BinanceDepthCsv:
                foreach (string input in inputs)
                {
                    yield return new BinanceDepthCsvStream(input, symbolMap, diagnostics);
                }

                break;
            case ImportFormats.TardisTrades:
                foreach (string input in inputs)
                {
                    yield return new TardisTradesStream(input, symbolMap, diagnostics);
                }

                break;
            case ImportFormats.TardisQuotes:
                foreach (string input in inputs)
                {
                    yield return new TardisQuotesStream(input, symbolMap, diagnostics);
                }

                break;
            case ImportFormats.TardisBook:
                foreach (string input in inputs)
                {
                    yield return new TardisBookStream(input, symbolMap, diagnostics);
                }

                break;
            case ImportFormats.KlinesCsv:
                foreach (string input in inputs)
                {
                    yield return new KlinesCsvStream(input, symbolMap, diagnostics);
                }

                break;
            default:
                throw new ImportException($"unknown import format '{format}'; known formats: {string.Join(", ", ImportFormats.Known)}");
        }
    }
}
