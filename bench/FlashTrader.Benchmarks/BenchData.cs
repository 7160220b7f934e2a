using FlashTrader.Core.Market;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Benchmarks;

/// <summary>Where the benchmarks find their real data, and the bundled sample loaded into memory.</summary>
internal static class BenchData
{
    public static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlashTrader.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"FlashTrader.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The bundled sample's events, each depth event with its own copy of the levels (the reader reuses its buffer).</summary>
    public static List<MarketEvent> LoadSample(Func<MarketEvent, bool>? keep = null)
    {
        var events = new List<MarketEvent>(180_000);
        using RecordingReader reader = RecordingReader.Open(Path.Combine(RepositoryRoot(), "samples", "binance-btc-eth-2024-08-08.ftrec"));
        while (reader.TryRead(out MarketEvent ev))
        {
            if (keep is not null && !keep(ev))
            {
                continue;
            }

            if (ev.HasLevels)
            {
                var copy = new DepthLevels(Math.Max(ev.Levels.BidCount, ev.Levels.AskCount));
                copy.CopyFrom(ev.Levels);
                events.Add(ev.With(ev.SymbolId, copy));
            }
            else
            {
                events.Add(ev);
            }
        }

        return events;
    }
}
