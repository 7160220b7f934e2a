using System.Text.Encodings.Web;
using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Storage.Inspection;

/// <summary>
/// Reads a recording end to end (streaming, block by block) and summarises it. A truncated tail is a warning in the
/// summary (the complete blocks before it are counted); a corrupted block throws <see cref="RecordingCorruptException"/>.
/// </summary>
public static class RecordingInspector
{
    public static RecordingSummary Summarize(string path)
    {
        using RecordingReader reader = RecordingReader.Open(path);
        RecordingHeader header = reader.Header;
        SymbolEventCounts[] counts = header.Symbols.Select(s => new SymbolEventCounts(s)).ToArray();
        long firstExchange = long.MaxValue;
        long lastExchange = long.MinValue;
        long firstLocal = long.MaxValue;
        long lastLocal = long.MinValue;
        while (reader.TryRead(out MarketEvent ev))
        {
            counts[ev.SymbolId].Add(ev.Kind);
            firstExchange = Math.Min(firstExchange, ev.ExchangeTimeNs);
            lastExchange = Math.Max(lastExchange, ev.ExchangeTimeNs);
            firstLocal = Math.Min(firstLocal, ev.LocalTimeNs);
            lastLocal = Math.Max(lastLocal, ev.LocalTimeNs);
        }

        bool any = reader.EventsRead > 0;
        return new RecordingSummary
        {
            Path = path,
            FormatVersion = header.FormatVersion,
            Source = header.Source,
            Created = header.Created,
            Codec = header.Codec,
            Notes = header.Notes,
            Events = reader.EventsRead,
            Blocks = reader.BlocksRead,
            Symbols = counts,
            FirstExchangeTimeNs = any ? firstExchange : null,
            LastExchangeTimeNs = any ? lastExchange : null,
            FirstLocalTimeNs = any ? firstLocal : null,
            LastLocalTimeNs = any ? lastLocal : null,
            Warnings = reader.Warning is { } warning ? [warning] : [],
        };
    }

    /// <summary>
    /// Writes the first <paramref name="maxEvents"/> events as JSON lines (one <see cref="MarketEventJson"/> object per
    /// line) for <c>inspect --events N</c>; returns how many were written.
    /// </summary>
    public static long WriteEvents(string path, long maxEvents, Stream output)
    {
        using RecordingReader reader = RecordingReader.Open(path);
        IReadOnlyList<string> symbols = reader.Header.Symbols;
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long written = 0;
        while (written < maxEvents && reader.TryRead(out MarketEvent ev))
        {
            MarketEventJson.Write(writer, ev, symbols);
            writer.Flush();
            writer.Reset();
            output.WriteByte((byte)'\n');
            written++;
        }

        return written;
    }
}
