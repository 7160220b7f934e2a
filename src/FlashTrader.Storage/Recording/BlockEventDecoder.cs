using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Storage.Recording;

/// <summary>Decodes the events of one block's raw bytes (the inverse of <see cref="BlockEventEncoder"/>).</summary>
internal sealed class BlockEventDecoder
{
    private readonly DepthLevels _levels = new(256);
    private byte[] _raw = [];
    private int _length;
    private int _pos;
    private long _prevExchange;
    private long _prevOffset;
    private byte[] _payload = new byte[256];

    public int Position => _pos;

    public bool HasMore => _pos < _length;

    public void Start(byte[] raw, int length, long firstExchangeNs)
    {
        _raw = raw;
        _length = length;
        _pos = 0;
        _prevExchange = firstExchangeNs;
        _prevOffset = 0;
    }

    /// <summary>Decodes the next event; throws <see cref="InvalidDataException"/> with the block-relative position on bad data.</summary>
    public MarketEvent Next(int symbolCount)
    {
        var kind = (MarketEventKind)ReadByte();
        ulong symbol = ReadVarint();
        if (symbol >= (ulong)symbolCount)
        {
            throw Bad($"symbol index {symbol} but the header lists {symbolCount} symbols");
        }

        int symbolId = (int)symbol;
        long exchange = _prevExchange + ReadZigZag();
        long offset = _prevOffset + ReadZigZag();
        _prevExchange = exchange;
        _prevOffset = offset;
        long local = exchange + offset;

        switch (kind)
        {
            case MarketEventKind.Trade:
                {
                    Fixed8 price = ReadFixed();
                    Fixed8 qty = ReadFixed();
                    var side = (Side)ReadByte();
                    if (side > Side.Sell)
                    {
                        throw Bad($"bad trade side {(byte)side}");
                    }

                    return MarketEvent.Trade(symbolId, exchange, local, price, qty, side, ReadZigZag());
                }

            case MarketEventKind.BookTicker:
                {
                    Fixed8 bp = ReadFixed();
                    Fixed8 bq = ReadFixed();
                    Fixed8 ap = ReadFixed();
                    Fixed8 aq = ReadFixed();
                    return MarketEvent.BookTicker(symbolId, exchange, local, bp, bq, ap, aq, ReadZigZag());
                }

            case MarketEventKind.DepthSnapshot:
                {
                    long last = ReadZigZag();
                    ReadLevels();
                    return MarketEvent.DepthSnapshot(symbolId, exchange, local, last, _levels);
                }

            case MarketEventKind.DepthDiff:
                {
                    long first = ReadZigZag();
                    long last = first + ReadZigZag();
                    ReadLevels();
                    return MarketEvent.DepthDiff(symbolId, exchange, local, first, last, _levels);
                }

            case MarketEventKind.Kline:
                {
                    long interval = (long)ReadVarint();
                    long openTime = exchange - ReadZigZag();
                    Fixed8 o = ReadFixed();
                    Fixed8 h = ReadFixed();
                    Fixed8 l = ReadFixed();
                    Fixed8 c = ReadFixed();
                    Fixed8 v = ReadFixed();
                    Fixed8 qv = ReadFixed();
                    return MarketEvent.Kline(symbolId, exchange, local, openTime, interval, o, h, l, c, v, qv);
                }

            case MarketEventKind.RawFrame:
                {
                    long tag = (long)ReadVarint();
                    ulong len = ReadVarint();
                    if (len > (ulong)(_length - _pos))
                    {
                        throw Bad($"raw frame of {len} bytes runs past the block end");
                    }

                    int n = (int)len;
                    if (_payload.Length < n)
                    {
                        _payload = new byte[Math.Max(n, _payload.Length * 2)];
                    }

                    _raw.AsSpan(_pos, n).CopyTo(_payload);
                    _pos += n;
                    return MarketEvent.RawFrame(symbolId, exchange, local, tag, _payload, n);
                }

            default:
                throw Bad($"unknown event kind {(byte)kind}");
        }
    }

    private void ReadLevels()
    {
        ulong bids = ReadVarint();
        ulong asks = ReadVarint();
        // Each level takes at least two bytes: a count beyond that is corruption, not a huge allocation.
        if ((bids + asks) * 2 > (ulong)(_length - _pos))
        {
            throw Bad($"{bids} bids and {asks} asks cannot fit in the rest of the block");
        }

        _levels.Clear();
        _levels.EnsureCapacity((int)bids, (int)asks);
        long prev = 0;
        for (ulong i = 0; i < bids; i++)
        {
            prev += ReadZigZag();
            _levels.AddBid(new PriceLevel(Fixed8.FromRaw(prev), ReadFixed()));
        }

        prev = 0;
        for (ulong i = 0; i < asks; i++)
        {
            prev += ReadZigZag();
            _levels.AddAsk(new PriceLevel(Fixed8.FromRaw(prev), ReadFixed()));
        }
    }

    private Fixed8 ReadFixed() => Fixed8.FromRaw(ReadZigZag());

    private long ReadZigZag()
    {
        ulong v = ReadVarint();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    private ulong ReadVarint()
    {
        ulong result = 0;
        int shift = 0;
        byte[] raw = _raw;
        int pos = _pos;
        int length = _length;
        while (true)
        {
            if (pos >= length)
            {
                _pos = pos;
                throw Bad("varint runs past the block end");
            }

            byte b = raw[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                _pos = pos;
                return result;
            }

            shift += 7;
            if (shift > 63)
            {
                _pos = pos;
                throw Bad("varint longer than 10 bytes");
            }
        }
    }

    private byte ReadByte()
    {
        if (_pos >= _length)
        {
            throw Bad("event runs past the block end");
        }

        return _raw[_pos++];
    }

    private InvalidDataException Bad(string reason) => new($"{reason} (raw position {_pos})");
}
