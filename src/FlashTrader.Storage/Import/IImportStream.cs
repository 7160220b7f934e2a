using FlashTrader.Core.Market;

namespace FlashTrader.Storage.Import;

/// <summary>
/// The events of one source symbol in source order. An event's depth levels stay valid until the next
/// <see cref="TryNext"/> of the same stream, which lets several streams be merged without copying levels.
/// </summary>
internal interface IImportStream : IDisposable
{
    /// <summary>The recorded symbol (after the symbol map).</summary>
    string Symbol { get; }

    /// <summary>The next event; its SymbolId is a placeholder the merge replaces.</summary>
    bool TryNext(out MarketEvent ev);
}
