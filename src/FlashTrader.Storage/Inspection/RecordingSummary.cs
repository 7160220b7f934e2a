using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FlashTrader.Core.Time;

namespace FlashTrader.Storage.Inspection;

/// <summary>What a recording holds: its header, per-symbol event counts, time span and any warnings.</summary>
public sealed record RecordingSummary
{
    public required string Path { get; init; }

    public required int FormatVersion { get; init; }

    public required string Source { get; init; }

    public required DateTimeOffset Created { get; init; }

    public required string Codec { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    public required long Events { get; init; }

    public required long Blocks { get; init; }

    /// <summary>Per symbol, in the header's order.</summary>
    public required IReadOnlyList<SymbolEventCounts> Symbols { get; init; }

    /// <summary>Earliest and latest exchange and local times over all events (Unix ns); null when there are no events.</summary>
    public long? FirstExchangeTimeNs { get; init; }

    public long? LastExchangeTimeNs { get; init; }

    public long? FirstLocalTimeNs { get; init; }

    public long? LastLocalTimeNs { get; init; }

    /// <summary>Problems that did not stop reading, e.g. a truncated tail.</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>
    /// Exactly one JSON object: formatVersion, events, symbols{name:{snapshot,depth,trade,bookTicker,kline}},
    /// first/last exchange and local times (ISO-8601 UTC), then source, created, notes and warnings.
    /// </summary>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        // Relaxed escaping keeps notes readable (' and + verbatim); the output is for terminals and tools, not HTML.
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("formatVersion", FormatVersion);
            w.WriteNumber("events", Events);
            w.WriteStartObject("symbols");
            foreach (SymbolEventCounts s in Symbols)
            {
                w.WriteStartObject(s.Symbol);
                w.WriteNumber("snapshot", s.Snapshot);
                w.WriteNumber("depth", s.Depth);
                w.WriteNumber("trade", s.Trade);
                w.WriteNumber("bookTicker", s.BookTicker);
                w.WriteNumber("kline", s.Kline);
                if (s.RawFrame > 0)
                {
                    w.WriteNumber("rawFrame", s.RawFrame);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            WriteTime(w, "firstExchangeTime", FirstExchangeTimeNs);
            WriteTime(w, "lastExchangeTime", LastExchangeTimeNs);
            WriteTime(w, "firstLocalTime", FirstLocalTimeNs);
            WriteTime(w, "lastLocalTime", LastLocalTimeNs);
            w.WriteString("source", Source);
            w.WriteString("created", Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            w.WriteString("codec", Codec);
            w.WriteNumber("blocks", Blocks);
            w.WriteStartArray("notes");
            foreach (string note in Notes)
            {
                w.WriteStringValue(note);
            }

            w.WriteEndArray();
            if (Warnings.Count > 0)
            {
                w.WriteStartArray("warnings");
                foreach (string warning in Warnings)
                {
                    w.WriteStringValue(warning);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A human-readable report: header fields, a per-symbol table, the time span and warnings.</summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"recording  {Path}\n");
        sb.Append(CultureInfo.InvariantCulture, $"format     version {FormatVersion}, codec {Codec}, {Blocks} blocks\n");
        sb.Append(CultureInfo.InvariantCulture, $"source     {Source}\n");
        sb.Append(CultureInfo.InvariantCulture, $"created    {Created.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z\n");
        foreach (string note in Notes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"note       {note}\n");
        }

        sb.Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"{"symbol",-12}{"snapshot",10}{"depth",10}{"trade",10}{"bookTicker",12}{"kline",10}{"total",12}\n");
        foreach (SymbolEventCounts s in Symbols)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{s.Symbol,-12}{s.Snapshot,10:N0}{s.Depth,10:N0}{s.Trade,10:N0}{s.BookTicker,12:N0}{s.Kline,10:N0}{s.Total,12:N0}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"{"all",-12}{"",52}{Events,12:N0}\n\n");
        if (FirstExchangeTimeNs is { } fe && LastExchangeTimeNs is { } le && FirstLocalTimeNs is { } fl && LastLocalTimeNs is { } ll)
        {
            sb.Append(CultureInfo.InvariantCulture, $"exchange   {EpochTimestamp.ToIso8601(fe)} .. {EpochTimestamp.ToIso8601(le)} ({TimeSpan.FromTicks((le - fe) / 100)})\n");
            sb.Append(CultureInfo.InvariantCulture, $"local      {EpochTimestamp.ToIso8601(fl)} .. {EpochTimestamp.ToIso8601(ll)} ({TimeSpan.FromTicks((ll - fl) / 100)})\n");
        }
        else
        {
            sb.Append("no events\n");
        }

        foreach (string warning in Warnings)
        {
            sb.Append(CultureInfo.InvariantCulture, $"WARNING    {warning}\n");
        }

        return sb.ToString();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, long? unixNs)
    {
        if (unixNs is { } ns)
        {
            w.WriteString(name, EpochTimestamp.ToIso8601(ns));
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
