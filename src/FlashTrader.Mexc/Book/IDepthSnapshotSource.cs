using FlashTrader.Core.Market;

namespace FlashTrader.Mexc.Book;

/// <summary>
/// Where the local order book gets its REST snapshot (GET /api/v3/depth) when it syncs or resyncs. The REST client
/// implements it; tests substitute a loopback server or a recording.
/// </summary>
public interface IDepthSnapshotSource
{
    /// <summary>
    /// Fetches the depth snapshot of <paramref name="symbol"/> (up to <paramref name="limit"/> levels a side) and returns
    /// it as a <see cref="MarketEventKind.DepthSnapshot"/> event for <paramref name="symbolId"/>: version = the snapshot's
    /// lastUpdateId, levels in a buffer rented from <paramref name="pool"/>, exchange time from the response (or the
    /// receive time when MEXC gives none), local time = receive time in Unix ns.
    /// </summary>
    ValueTask<MarketEvent> GetDepthSnapshotAsync(string symbol, int symbolId, int limit, DepthLevelsPool pool, CancellationToken cancellationToken);
}
