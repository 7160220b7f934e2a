using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Market;
using FlashTrader.Storage.Import;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Benchmarks;

/// <summary>
/// Replay speed of a real recording: the BTC+ETH spot L2 capture (179,318 events) imported in setup, then read end to
/// end. Results are per event (OperationsPerInvoke). <see cref="OpenAndReadAll"/> includes opening the file (its
/// buffers and the read-ahead thread amortise to a few bytes per event); <see cref="ReadAll"/> is the steady state with
/// the reader already open. With <see cref="ReadAhead"/> the blocks are decompressed on a second thread.
/// </summary>
[MemoryDiagnoser]
public class RecordingReadBenchmarks
{
    /// <summary>Events in the imported set; setup fails if the import disagrees.</summary>
    private const int EventCount = 179_318;

    /// <summary>LZ4 is what importers and recorders write; Brotli the smaller earlier default; None the decoder alone.</summary>
    [Params(RecordingCodec.Lz4, RecordingCodec.Brotli, RecordingCodec.None)]
    public RecordingCodec Codec { get; set; }

    [Params(true, false)]
    public bool ReadAhead { get; set; }

    private string _directory = "";
    private string _path = "";
    private RecordingReader? _reader;

    [GlobalSetup]
    public void Setup()
    {
        string data = SharedDataDirectory();
        string set = Path.Combine(data, "binance-spot-l2-btc-eth-2024-08-08");
        _directory = Path.Combine(Path.GetTempPath(), "flashtrader-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        string imported = Path.Combine(_directory, "spot-l2.ftrec");
        ImportResult result = RecordingImporter.Import(new ImportRequest
        {
            Format = ImportFormats.BinanceCapture,
            Inputs = Directory.GetFiles(set, "*.gz"),
            Output = imported,
            SymbolMap = ImportSymbolMap.Parse("BTCUSDT=BTCUSDC,ETHUSDT=ETHUSDC"),
        });
        if (result.Events != EventCount)
        {
            throw new InvalidOperationException($"the import wrote {result.Events} events, the benchmark divides by {EventCount}");
        }

        _path = Codec == new RecordingWriterOptions().Codec ? imported : Transcode(imported, Codec);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long OpenAndReadAll()
    {
        using RecordingReader reader = RecordingReader.Open(_path, ReadAhead);
        return Drain(reader);
    }

    [IterationSetup(Target = nameof(ReadAll))]
    public void OpenReader() => _reader = RecordingReader.Open(_path, ReadAhead);

    [IterationCleanup(Target = nameof(ReadAll))]
    public void CloseReader() => _reader?.Dispose();

    [Benchmark(OperationsPerInvoke = EventCount)]
    public long ReadAll() => Drain(_reader!);

    private static long Drain(RecordingReader reader)
    {
        long checksum = 0;
        long events = 0;
        while (reader.TryRead(out MarketEvent ev))
        {
            checksum += ev.ExchangeTimeNs ^ ev.LocalTimeNs;
            events++;
        }

        if (events != EventCount)
        {
            throw new InvalidOperationException($"read {events} events, expected {EventCount}");
        }

        return checksum;
    }

    private static string Transcode(string source, RecordingCodec codec)
    {
        string path = Path.ChangeExtension(source, $".{codec}.ftrec".ToLowerInvariant());
        using RecordingReader reader = RecordingReader.Open(source);
        using RecordingWriter writer = RecordingWriter.Create(path, reader.Header, new RecordingWriterOptions { Codec = codec });
        while (reader.TryRead(out MarketEvent ev))
        {
            writer.Write(ev);
        }

        return path;
    }

    /// <summary>shared/data, found by walking up from the benchmark's directory (BenchmarkDotNet runs it from a copy).</summary>
    private static string SharedDataDirectory()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(dir.FullName, "shared", "data"), Path.Combine(dir.FullName, "..", "shared", "data") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException($"no shared/data folder above {AppContext.BaseDirectory}");
    }
}
