using FlashTrader.Storage.Import;

namespace FlashTrader.Storage.Tests.Import.Binance;

/// <summary>The real BTC+ETH spot capture imported once (both symbols, mapped to USDC) for the tests that read it.</summary>
public sealed class SpotCaptureFixture : IDisposable
{
    private readonly TempDirectory _temp = new();

    public SpotCaptureFixture()
    {
        Output = _temp.File("spot.ftrec");
        var warnings = new List<string>();
        Result = RecordingImporter.Import(
            new ImportRequest
            {
                Format = ImportFormats.BinanceCapture,
                // Deliberately not in time order: a symbol's files are ordered by their first timestamp.
                Inputs = [Btc0809, Eth0809, Btc0808, Eth0808],
                Output = Output,
                SymbolMap = ImportSymbolMap.Parse("BTCUSDT=BTCUSDC,ETHUSDT=ETHUSDC"),
            },
            warnings.Add);
        WarningsSeen = warnings;
    }

    public static string Btc0808 => SharedData.File(SharedData.SpotL2, "btcusdt_20240808.gz");

    public static string Btc0809 => SharedData.File(SharedData.SpotL2, "btcusdt_20240809.gz");

    public static string Eth0808 => SharedData.File(SharedData.SpotL2, "ethusdt_20240808.gz");

    public static string Eth0809 => SharedData.File(SharedData.SpotL2, "ethusdt_20240809.gz");

    public string Output { get; }

    public ImportResult Result { get; }

    public IReadOnlyList<string> WarningsSeen { get; }

    public void Dispose() => _temp.Dispose();
}
