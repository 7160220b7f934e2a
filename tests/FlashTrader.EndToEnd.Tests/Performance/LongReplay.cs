using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Tests.TestData;
using FlashTrader.Hosting;
using FlashTrader.Storage.Recording;

namespace FlashTrader.EndToEnd.Tests.Performance;

/// <summary>
/// The bundled sample followed by the same market again, <c>passes - 1</c> more times (clocks and update ids continued,
/// snapshots left out), written as a recording of the configured pairs: long enough for the hosted pipeline to reach
/// its steady state and stay there.
/// </summary>
internal static class LongReplay
{
    public static long Write(string path, int passes)
    {
        FlashTraderOptions options = ConfigurationLoader.Bind(ConfigurationLoader.Build(null, []));
        var instruments = new InstrumentSet(options.TradingPairs);
        IReadOnlyList<MarketEvent> sample = SampleRecording.Load(instruments);
        IReadOnlyList<MarketEvent> more = SampleRecording.Continuation(sample, passes - 1);
        var header = new RecordingHeader
        {
            Symbols = [.. instruments.All.Select(i => i.Symbol)],
            Source = "test: the bundled sample and its continuation",
            Created = DateTimeOffset.UnixEpoch,
        };
        using RecordingWriter writer = RecordingWriter.Create(path, header, new RecordingWriterOptions { Codec = RecordingCodec.None });
        foreach (MarketEvent ev in sample.Concat(more))
        {
            writer.Write(ev);
        }

        return writer.EventsWritten;
    }
}
