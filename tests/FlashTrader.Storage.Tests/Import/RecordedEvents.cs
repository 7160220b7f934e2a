using FlashTrader.Core.Market;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Storage.Tests.Import;

/// <summary>Reads back what an import wrote, copying each event's levels (the reader reuses its buffer).</summary>
internal static class RecordedEvents
{
    public static List<RecordedEvent> ReadAll(string path)
    {
        using RecordingReader reader = RecordingReader.Open(path);
        var events = new List<RecordedEvent>();
        while (reader.TryRead(out MarketEvent ev))
        {
            events.Add(new RecordedEvent(ev, ev.HasLevels ? ev.Levels.Bids.ToArray() : [], ev.HasLevels ? ev.Levels.Asks.ToArray() : []));
        }

        return events;
    }

    /// <summary>Non-empty lines after the header: the independent row count of a CSV source.</summary>
    public static int DataRows(string csv) => File.ReadLines(csv).Skip(1).Count(l => l.Length > 0);
}

internal sealed record RecordedEvent(MarketEvent Event, PriceLevel[] Bids, PriceLevel[] Asks);
