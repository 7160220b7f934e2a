using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Storage.Recording;

/// <summary>
/// Decodes the events of one block's raw bytes: the compact layout of format version 2 (the inverse of
/// <see cref="BlockEventEncoder"/>) or the absolute values of version 1, which old recordings hold. The hot loop works
/// on a span and a local cursor, with a one-byte fast path for varints (most deltas fit in seven bits): replay speed is
/// bounded by this loop once the block is decompressed.
/// </summary>
internal sealed class BlockEventDecoder
{
    private readonly DepthLevels _levels = new(256);
    private readonly bool _compact;
    private readonly SymbolDeltas[] _symbols;
    private byte[] _raw = [];
    private int _length;
    private int _pos;
    private long _prevExchange;
    private long _prevOffset;
    private byte[] _payload = new byte[256];

    /// <param name="formatVersion">The recording's format version: 1 absolute values, 2 the compact layout.</param>
    public BlockEventDecoder(int formatVersion, int symbolCount)
    {
        _compact = formatVersion >= 2;
        _symbols = new SymbolDeltas[symbolCount];
    }

    public int Position => _pos;

    public bool HasMore => _pos < _length;

    public void Start(byte[] raw, int length, long firstExchangeNs)
    {
        _raw = raw;
        _length = length;
        _pos = 0;
        _prevExchange = firstExchangeNs;
        _prevOffset = 0;
        Array.Clear(_symbols);
    }

    /// <summary>Decodes the next event; throws <see cref="InvalidDataException"/> with the block-relative position on bad data.</summary>
    public MarketEvent Next() => _compact ? NextCompact() : NextAbsolute();

    private MarketEvent NextCompact()
    {
        ReadOnlySpan<byte> s = new(_raw, 0, _length);
        int p = _pos;
        var kind = (MarketEventKind)ReadByte(s, ref p);
        ulong symbol = ReadVarint(s, ref p);
        if (symbol >= (ulong)_symbols.Length)
        {
            throw Bad($"symbol index {symbol} but the header lists {_symbols.Length} symbols", p);
        }

        int symbolId = (int)symbol;
        long exchange = _prevExchange + ReadZigZag(s, ref p);
        long offset = _prevOffset + ReadZigZag(s, ref p);
        _prevExchange = exchange;
        _prevOffset = offset;
        long local = exchange + offset;
        ref SymbolDeltas last = ref _symbols[symbolId];
        MarketEvent ev;
        switch (kind)
        {
            case MarketEventKind.BookTicker:
                {
                    long bp = last.BidPrice + ReadDecimal(s, ref p);
                    long bq = ReadDecimal(s, ref p);
                    long ap = bp + ReadDecimal(s, ref p);
                    long aq = ReadDecimal(s, ref p);
                    long id = last.TickerUpdateId + ReadZigZag(s, ref p);
                    last.BidPrice = bp;
                    last.TickerUpdateId = id;
                    ev = MarketEvent.BookTicker(symbolId, exchange, local, Fixed8.FromRaw(bp), Fixed8.FromRaw(bq), Fixed8.FromRaw(ap), Fixed8.FromRaw(aq), id);
                    break;
                }

            case MarketEventKind.Trade:
                {
                    long price = last.TradePrice + ReadDecimal(s, ref p);
                    long qty = ReadDecimal(s, ref p);
                    var side = (Side)ReadByte(s, ref p);
                    if (side > Side.Sell)
                    {
                        throw Bad($"bad trade side {(byte)side}", p);
                    }

                    long id = last.TradeId + ReadZigZag(s, ref p);
                    last.TradePrice = price;
                    last.TradeId = id;
                    ev = MarketEvent.Trade(symbolId, exchange, local, Fixed8.FromRaw(price), Fixed8.FromRaw(qty), side, id);
                    break;
                }

            case MarketEventKind.DepthDiff:
                {
                    long first = last.DepthUpdateId + ReadZigZag(s, ref p);
                    long lastId = first + ReadZigZag(s, ref p);
                    ReadLevels(s, ref p, compact: true);
                    last.DepthUpdateId = lastId;
                    ev = MarketEvent.DepthDiff(symbolId, exchange, local, first, lastId, _levels);
                    break;
                }

            case MarketEventKind.DepthSnapshot:
                {
                    long lastId = ReadZigZag(s, ref p);
                    ReadLevels(s, ref p, compact: true);
                    last.DepthUpdateId = lastId;
                    ev = MarketEvent.DepthSnapshot(symbolId, exchange, local, lastId, _levels);
                    break;
                }

            case MarketEventKind.Kline:
                {
                    long interval = (long)ReadVarint(s, ref p);
                    long openTime = exchange - ReadZigZag(s, ref p);
                    long o = ReadDecimal(s, ref p);
                    long h = ReadDecimal(s, ref p);
                    long l = ReadDecimal(s, ref p);
                    long c = ReadDecimal(s, ref p);
                    long v = ReadDecimal(s, ref p);
                    long qv = ReadDecimal(s, ref p);
                    ev = MarketEvent.Kline(symbolId, exchange, local, openTime, interval, Fixed8.FromRaw(o), Fixed8.FromRaw(h), Fixed8.FromRaw(l),
                        Fixed8.FromRaw(c), Fixed8.FromRaw(v), Fixed8.FromRaw(qv));
                    break;
                }

            case MarketEventKind.RawFrame:
                ev = ReadRawFrame(s, ref p, symbolId, exchange, local);
                break;

            default:
                throw Bad($"unknown event kind {(byte)kind}", p);
        }

        _pos = p;
        return ev;
    }

    /// <summary>An event of format version 1: every value an absolute zigzag varint.</summary>
    private MarketEvent NextAbsolute()
    {
        int symbolCount = _symbols.Length;
        ReadOnlySpan<byte> s = new(_raw, 0, _length);
        int p = _pos;
        var kind = (MarketEventKind)ReadByte(s, ref p);
        ulong symbol = ReadVarint(s, ref p);
        if (symbol >= (ulong)symbolCount)
        {
            throw Bad($"symbol index {symbol} but the header lists {symbolCount} symbols", p);
        }

        int symbolId = (int)symbol;
        long exchange = _prevExchange + ReadZigZag(s, ref p);
        long offset = _prevOffset + ReadZigZag(s, ref p);
        _prevExchange = exchange;
        _prevOffset = offset;
        long local = exchange + offset;
        MarketEvent ev;
        switch (kind)
        {
            case MarketEventKind.Trade:
                {
                    Fixed8 price = ReadFixed(s, ref p);
                    Fixed8 qty = ReadFixed(s, ref p);
                    var side = (Side)ReadByte(s, ref p);
                    if (side > Side.Sell)
                    {
                        throw Bad($"bad trade side {(byte)side}", p);
                    }

                    ev = MarketEvent.Trade(symbolId, exchange, local, price, qty, side, ReadZigZag(s, ref p));
                    break;
                }

            case MarketEventKind.BookTicker:
                {
                    Fixed8 bp = ReadFixed(s, ref p);
                    Fixed8 bq = ReadFixed(s, ref p);
                    Fixed8 ap = ReadFixed(s, ref p);
                    Fixed8 aq = ReadFixed(s, ref p);
                    ev = MarketEvent.BookTicker(symbolId, exchange, local, bp, bq, ap, aq, ReadZigZag(s, ref p));
                    break;
                }

            case MarketEventKind.DepthSnapshot:
                {
                    long last = ReadZigZag(s, ref p);
                    ReadLevels(s, ref p, compact: false);
                    ev = MarketEvent.DepthSnapshot(symbolId, exchange, local, last, _levels);
                    break;
                }

            case MarketEventKind.DepthDiff:
                {
                    long first = ReadZigZag(s, ref p);
                    long last = first + ReadZigZag(s, ref p);
                    ReadLevels(s, ref p, compact: false);
                    ev = MarketEvent.DepthDiff(symbolId, exchange, local, first, last, _levels);
                    break;
                }

            case MarketEventKind.Kline:
                {
                    long interval = (long)ReadVarint(s, ref p);
                    long openTime = exchange - ReadZigZag(s, ref p);
                    Fixed8 o = ReadFixed(s, ref p);
                    Fixed8 h = ReadFixed(s, ref p);
                    Fixed8 l = ReadFixed(s, ref p);
                    Fixed8 c = ReadFixed(s, ref p);
                    Fixed8 v = ReadFixed(s, ref p);
                    Fixed8 qv = ReadFixed(s, ref p);
                    ev = MarketEvent.Kline(symbolId, exchange, local, openTime, interval, o, h, l, c, v, qv);
                    break;
                }

            case MarketEventKind.RawFrame:
                ev = ReadRawFrame(s, ref p, symbolId, exchange, local);
                break;

            default:
                throw Bad($"unknown event kind {(byte)kind}", p);
        }

        _pos = p;
        return ev;
    }

    private MarketEvent ReadRawFrame(ReadOnlySpan<byte> s, ref int p, int symbolId, long exchange, long local)
    {
        long tag = (long)ReadVarint(s, ref p);
        ulong len = ReadVarint(s, ref p);
        if (len > (ulong)(s.Length - p))
        {
            throw Bad($"raw frame of {len} bytes runs past the block end", p);
        }

        int n = (int)len;
        if (_payload.Length < n)
        {
            _payload = new byte[Math.Max(n, _payload.Length * 2)];
        }

        s.Slice(p, n).CopyTo(_payload);
        p += n;
        return MarketEvent.RawFrame(symbolId, exchange, local, tag, _payload, n);
    }

    private void ReadLevels(ReadOnlySpan<byte> s, ref int p, bool compact)
    {
        ulong bids = ReadVarint(s, ref p);
        ulong asks = ReadVarint(s, ref p);
        // Each level takes at least two bytes: a count beyond that is corruption, not a huge allocation.
        if ((bids + asks) * 2 > (ulong)(s.Length - p))
        {
            throw Bad($"{bids} bids and {asks} asks cannot fit in the rest of the block", p);
        }

        DepthLevels levels = _levels;
        levels.Clear();
        levels.EnsureCapacity((int)bids, (int)asks);
        if (compact)
        {
            ReadCompactLevels(s, ref p, levels, (int)bids, (int)asks);
            return;
        }

        long prev = 0;
        for (ulong i = 0; i < bids; i++)
        {
            prev += ReadZigZag(s, ref p);
            levels.AddBid(new PriceLevel(Fixed8.FromRaw(prev), ReadFixed(s, ref p)));
        }

        prev = 0;
        for (ulong i = 0; i < asks; i++)
        {
            prev += ReadZigZag(s, ref p);
            levels.AddAsk(new PriceLevel(Fixed8.FromRaw(prev), ReadFixed(s, ref p)));
        }
    }

    private static void ReadCompactLevels(ReadOnlySpan<byte> s, ref int p, DepthLevels levels, int bids, int asks)
    {
        long prev = 0;
        for (int i = 0; i < bids; i++)
        {
            prev += ReadDecimal(s, ref p);
            levels.AddBid(new PriceLevel(Fixed8.FromRaw(prev), Fixed8.FromRaw(ReadDecimal(s, ref p))));
        }

        prev = 0;
        for (int i = 0; i < asks; i++)
        {
            prev += ReadDecimal(s, ref p);
            levels.AddAsk(new PriceLevel(Fixed8.FromRaw(prev), Fixed8.FromRaw(ReadDecimal(s, ref p))));
        }
    }

    /// <summary>Divisors of the compact layout's decimal values, by their two-bit code (0: unscaled, in a second varint).</summary>
    private static readonly long[] DecimalScales = [1, 100, 10_000, 1_000_000];

    /// <summary>A Fixed8 raw value written by <see cref="BlockEventEncoder"/>'s decimal encoding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ReadDecimal(ReadOnlySpan<byte> s, ref int p)
    {
        ulong u = ReadVarint(s, ref p);
        int k = (int)(u & 3);
        if (k == 0)
        {
            return ReadUnscaled(s, ref p, u);
        }

        long scaled = (long)(u >> 3) ^ -(long)((u >> 2) & 1);
        return scaled * DecimalScales[k];
    }

    private static long ReadUnscaled(ReadOnlySpan<byte> s, ref int p, ulong marker)
    {
        if (marker != 0)
        {
            throw Bad($"unscaled decimal marker {marker} is not 0", p);
        }

        return ReadZigZag(s, ref p);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fixed8 ReadFixed(ReadOnlySpan<byte> s, ref int p) => Fixed8.FromRaw(ReadZigZag(s, ref p));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ReadZigZag(ReadOnlySpan<byte> s, ref int p)
    {
        ulong v = ReadVarint(s, ref p);
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadVarint(ReadOnlySpan<byte> s, ref int p)
    {
        int i = p;
        if ((uint)i < (uint)s.Length)
        {
            byte b = s[i];
            if (b < 0x80)
            {
                p = i + 1;
                return b;
            }
        }

        return ReadVarintSlow(s, ref p);
    }

    /// <summary>
    /// A varint of two or more bytes. With eight bytes at hand it is decoded branch-free from one 64-bit load: the
    /// first clear high bit ends it, and each byte's seven payload bits are shifted into place.
    /// </summary>
    private static ulong ReadVarintSlow(ReadOnlySpan<byte> s, ref int p)
    {
        int i = p;
        if (s.Length - i >= 8)
        {
            ulong w = BinaryPrimitives.ReadUInt64LittleEndian(s[i..]);
            ulong stops = ~w & 0x8080808080808080UL;
            if (stops != 0)
            {
                int bits = BitOperations.TrailingZeroCount(stops) + 1; // up to and including the last byte's stop bit
                w &= bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
                p = i + (bits >> 3);
                return (w & 0x7F) | ((w >> 1) & 0x3F80) | ((w >> 2) & 0x1FC000) | ((w >> 3) & 0xFE00000)
                    | ((w >> 4) & 0x7F0000000) | ((w >> 5) & 0x3F800000000) | ((w >> 6) & 0x1FC0000000000) | ((w >> 7) & 0xFE000000000000);
            }
        }

        ulong result = 0;
        int shift = 0;
        while (true)
        {
            if ((uint)i >= (uint)s.Length)
            {
                throw Bad("varint runs past the block end", i);
            }

            byte b = s[i++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                p = i;
                return result;
            }

            shift += 7;
            if (shift > 63)
            {
                throw Bad("varint longer than 10 bytes", i);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ReadByte(ReadOnlySpan<byte> s, ref int p)
    {
        int i = p;
        if ((uint)i >= (uint)s.Length)
        {
            throw Bad("event runs past the block end", i);
        }

        p = i + 1;
        return s[i];
    }

    private static InvalidDataException Bad(string reason, int position) => new($"{reason} (raw position {position})");
}
