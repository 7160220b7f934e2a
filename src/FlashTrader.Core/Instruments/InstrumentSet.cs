using FlashTrader.Core.Configuration;

namespace FlashTrader.Core.Instruments;

/// <summary>The enabled pairs of a run, indexed 0..Count-1 in configuration order.</summary>
public sealed class InstrumentSet
{
    private readonly Instrument[] _instruments;

    public InstrumentSet(IEnumerable<TradingPairOptions> pairs)
    {
        _instruments = [.. pairs.Where(p => p.Enabled).Select((p, i) => new Instrument(i, p))];
        Assets = [.. _instruments.SelectMany(i => new[] { i.QuoteAsset, i.BaseAsset }).Distinct(StringComparer.Ordinal)];
    }

    public int Count => _instruments.Length;

    public Instrument this[int id] => _instruments[id];

    public IReadOnlyList<Instrument> All => _instruments;

    /// <summary>Every asset traded, quote assets first.</summary>
    public IReadOnlyList<string> Assets { get; }

    public Instrument? Find(string symbol)
    {
        foreach (Instrument i in _instruments)
        {
            if (i.Symbol == symbol || i.SourceSymbols.Contains(symbol, StringComparer.Ordinal))
            {
                return i;
            }
        }

        return null;
    }
}
