using FlashTrader.Core.Market;
using FlashTrader.Core.Signals;

namespace FlashTrader.Core.Decisions;

/// <summary>
/// A symbol's recent signals over an event-time window, summed strength-weighted: buys add, sells subtract, so opposing
/// signals cancel. Fixed capacity ring, no allocation.
/// </summary>
public sealed class SignalWindow
{
    private readonly long _windowNs;
    private readonly (long TimeNs, double Signed, int StrategyId)[] _ring;
    private int _head;
    private int _count;
    private double _score;

    public SignalWindow(int windowMs, int capacity = 256)
    {
        _windowNs = windowMs * 1_000_000L;
        _ring = new (long, double, int)[capacity];
    }

    /// <summary>Net strength: positive favours buying.</summary>
    public double Score => _score;

    public void Add(in Signal signal)
    {
        double signed = signal.Side == Side.Buy ? signal.Strength : signal.Side == Side.Sell ? -signal.Strength : 0;
        if (_count == _ring.Length)
        {
            _score -= _ring[_head].Signed;
            _head = (_head + 1) % _ring.Length;
            _count--;
        }

        _ring[(_head + _count) % _ring.Length] = (signal.ExchangeTimeNs, signed, signal.StrategyId);
        _count++;
        _score += signed;
    }

    /// <summary>
    /// The strategy id of the strongest signal in the window on the buying (or selling) side: the one a decision in
    /// that direction is attributed to. 0 when there is none. Scans the window: called only when deciding.
    /// </summary>
    public int Leader(bool buying)
    {
        int leader = 0;
        double best = 0;
        for (int i = 0; i < _count; i++)
        {
            (_, double signed, int id) = _ring[(_head + i) % _ring.Length];
            double pull = buying ? signed : -signed;
            if (pull > best)
            {
                (best, leader) = (pull, id);
            }
        }

        return leader;
    }

    /// <summary>Drops the signals of one strategy id (a version replaced or a strategy disabled by the operator).</summary>
    public void Remove(int strategyId)
    {
        int kept = 0;
        double score = 0;
        for (int i = 0; i < _count; i++)
        {
            var entry = _ring[(_head + i) % _ring.Length];
            if (entry.StrategyId != strategyId)
            {
                _ring[(_head + kept) % _ring.Length] = entry;
                score += entry.Signed;
                kept++;
            }
        }

        if (kept != _count)
        {
            _count = kept;
            _score = score;
        }
    }

    public void Expire(long nowNs)
    {
        while (_count > 0 && nowNs - _ring[_head].TimeNs > _windowNs)
        {
            _score -= _ring[_head].Signed;
            _head = (_head + 1) % _ring.Length;
            _count--;
        }

        if (_count == 0)
        {
            _score = 0;
        }
    }
}
