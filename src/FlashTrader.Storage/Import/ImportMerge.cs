using FlashTrader.Core.Market;

namespace FlashTrader.Storage.Import;

/// <summary>
/// K-way merge of per-symbol streams into one time-ordered stream. Each stream keeps its own order (depth diffs must
/// stay in update-id order), so the merge never reorders within a stream; it only interleaves streams. A stream's key
/// is the highest exchange time it has produced so far (a stream's exchange times can step back slightly, e.g. a trade
/// stamped before the previous depth update), with ties broken by local time and then by stream position.
/// </summary>
internal sealed class ImportMerge
{
    private readonly IReadOnlyList<IImportStream> _streams;
    private readonly int[] _symbolIds;
    private readonly MarketEvent[] _heads;
    private readonly bool[] _live;
    private readonly long[] _keys;
    private int _consumed = -1;
    private bool _primed;

    public ImportMerge(IReadOnlyList<IImportStream> streams, int[] symbolIds)
    {
        _streams = streams;
        _symbolIds = symbolIds;
        _heads = new MarketEvent[streams.Count];
        _live = new bool[streams.Count];
        _keys = new long[streams.Count];
        Array.Fill(_keys, long.MinValue);
    }

    public bool TryNext(out MarketEvent ev)
    {
        if (!_primed)
        {
            for (int i = 0; i < _streams.Count; i++)
            {
                Advance(i);
            }

            _primed = true;
        }
        else if (_consumed >= 0)
        {
            // Only now may the stream reuse the levels buffer of the event returned last time.
            Advance(_consumed);
        }

        int best = -1;
        for (int i = 0; i < _heads.Length; i++)
        {
            if (_live[i] && (best < 0 || Before(i, best)))
            {
                best = i;
            }
        }

        _consumed = best;
        if (best < 0)
        {
            ev = default;
            return false;
        }

        ev = _heads[best].With(_symbolIds[best], null);
        return true;
    }

    private bool Before(int a, int b) =>
        _keys[a] != _keys[b] ? _keys[a] < _keys[b] : _heads[a].LocalTimeNs < _heads[b].LocalTimeNs;

    private void Advance(int i)
    {
        _live[i] = _streams[i].TryNext(out _heads[i]);
        if (_live[i])
        {
            _keys[i] = Math.Max(_keys[i], _heads[i].ExchangeTimeNs);
        }
    }
}
