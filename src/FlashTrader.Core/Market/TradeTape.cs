using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Market;

/// <summary>Recent trades over a sliding event-time window: buy and sell (aggressor) volume and VWAP, O(1) amortized.</summary>
public sealed class TradeTape
{
    private readonly long _windowNs;
    private Entry[] _entries = new Entry[1024];
    private int _head;
    private int _count;
    private double _buyVolume;
    private double _sellVolume;
    private double _notional;

    public TradeTape(int windowMs) => _windowNs = windowMs * 1_000_000L;

    public long Trades { get; private set; }

    public double BuyVolume => _buyVolume;

    public double SellVolume => _sellVolume;

    public double Vwap => _buyVolume + _sellVolume > 0 ? _notional / (_buyVolume + _sellVolume) : double.NaN;

    public Fixed8 LastPrice { get; private set; }

    public void Add(long timeNs, Fixed8 price, Fixed8 quantity, Side aggressor)
    {
        Expire(timeNs);
        if (_count == _entries.Length)
        {
            var bigger = new Entry[_entries.Length * 2];
            for (int i = 0; i < _count; i++)
            {
                bigger[i] = _entries[(_head + i) % _entries.Length];
            }

            _entries = bigger;
            _head = 0;
        }

        double q = quantity.ToDouble();
        double p = price.ToDouble();
        _entries[(_head + _count) % _entries.Length] = new Entry(timeNs, p, q, aggressor);
        _count++;
        if (aggressor == Side.Sell)
        {
            _sellVolume += q;
        }
        else
        {
            _buyVolume += q;
        }

        _notional += p * q;
        LastPrice = price;
        Trades++;
    }

    public void Expire(long nowNs)
    {
        while (_count > 0)
        {
            ref Entry e = ref _entries[_head];
            if (nowNs - e.TimeNs <= _windowNs)
            {
                break;
            }

            if (e.Side == Side.Sell)
            {
                _sellVolume -= e.Quantity;
            }
            else
            {
                _buyVolume -= e.Quantity;
            }

            _notional -= e.Price * e.Quantity;
            _head = (_head + 1) % _entries.Length;
            _count--;
        }

        if (_count == 0)
        {
            // Reset accumulated floating-point drift whenever the window empties.
            _buyVolume = _sellVolume = _notional = 0;
        }
    }

    private readonly record struct Entry(long TimeNs, double Price, double Quantity, Side Side);
}
