using FlashTrader.Core.Market;
using FlashTrader.Mexc.Feed;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Sources;

/// <summary>
/// A live feed written to a recording. The recording writer encodes each event at once (so a raw frame's pooled buffer
/// may be reused right after) and writes each block as it fills; the file is opened unbuffered, so a finished block is
/// with the OS immediately and a crash loses at most the block being filled.
/// </summary>
public sealed class RecordingEventWriter : IMarketEventWriter, IDisposable
{
    private readonly RecordingWriter _writer;

    public RecordingEventWriter(string path, RecordingHeader header)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _writer = new RecordingWriter(stream, header, ownsStream: true);
    }

    public long EventsWritten => _writer.EventsWritten;

    public long BlocksWritten => _writer.BlocksWritten;

    public long RawFrames { get; private set; }

    public long Snapshots { get; private set; }

    public bool Add(in MarketEvent marketEvent)
    {
        _writer.Write(marketEvent);
        if (marketEvent.Kind == MarketEventKind.RawFrame)
        {
            RawFrames++;
        }
        else if (marketEvent.Kind == MarketEventKind.DepthSnapshot)
        {
            Snapshots++;
        }

        if (marketEvent.HasLevels)
        {
            marketEvent.Levels.Release();
        }

        return false;
    }

    public ValueTask FlushAsync() => ValueTask.CompletedTask;

    /// <summary>Writes the last, partly filled block and closes the file.</summary>
    public void Dispose() => _writer.Dispose();
}
