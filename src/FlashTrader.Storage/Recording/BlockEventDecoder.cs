using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Storage.Recording;

/// <summary>
/// Decodes the events of one block's raw bytes: the compact layout of format version 2 (the inverse of
/// <see cref="BlockEventEncoder"/>) or the absolute values of version 1, which old recordings hold. Replay speed is
/// bounded by this loop once the block is decompressed, so it reads each varint from one unaligned 8-byte load (its
/// length from the first clear continuation bit, no branch per byte) over a buffer with <see cref="ReadSlack"/> spare
/// bytes after the block, and checks the position against the block end once per event and once per depth level
/// instead of once per byte. Between two checks few enough varints are read that no load leaves the buffer (a kline,
/// the longest event, reads 17 varints of at most 8 bytes each on the fast path, far inside the slack); an event that
/// runs past the block end is reported as damage naming the raw position where it starts.
/// </summary>
internal sealed class BlockEventDecoder
{
    /// <summary>Spare bytes a raw buffer must have after the block's length (see <see cref="Start"/>).</summary>
    public const int ReadSlack = 256;

    private readonly DepthLevels _levels = new(256);
    private readonly bool _compact;
    private readonly SymbolDeltas[] _symbols;
    private byte[] _raw = []; // before Start: length 0, so Next throws before reading anything
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

    /// <summary>Starts on a block of <paramref name="length"/> raw bytes; <paramref name="raw"/> must hold <see cref="ReadSlack"/> bytes more.</summary>
    public void Start(byte[] raw, int length, long firstExchangeNs)
    {
        if ((uint)length > (uint)raw.Length || raw.Length - length < ReadSlack)
        {
            throw new ArgumentException($"a block of {length} raw bytes needs a buffer of at least {length + ReadSlack} bytes, not {raw.Length}", nameof(raw));
        }

        // Zeros after the block: a damaged event that runs past the end reads them the same way every time (as
        // one-byte zero varints) until the next position check reports it, whatever an earlier block left there.
        raw.AsSpan(length, ReadSlack).Clear();
        _raw = raw;
        _length = length;
        _pos = 0;
        _prevExchange = firstExchangeNs;
        _prevOffset = 0;
        Array.Clear(_symbols);
    }

    /// <summary>Decodes the next event into <paramref name="ev"/>; throws <see cref="InvalidDataException"/> with the block-relative position on bad data.</summary>
    public void Next(out MarketEvent ev)
    {
        if (_compact)
        {
            NextCompact(out ev);
        }
        else
        {
            NextAbsolute(out ev);
        }
    }

    private void NextCompact(out MarketEvent ev)
    {
        ref byte b = ref MemoryMarshal.GetArrayDataReference(_raw);
        int end = _length;
        int start = _pos;
        int p = ReadEventStart(ref b, start, end, out MarketEventKind kind, out int symbolId, out long exchange, out long local);
        ref SymbolDeltas last = ref _symbols[symbolId];
        // One method per kind keeps each MarketEvent temporary (zeroed on entry: it holds references) out of the others' frames.
        switch (kind)
        {
            case MarketEventKind.BookTicker:
                p = ReadCompactTicker(ref b, p, end, ref last, symbolId, exchange, local, out ev);
                break;

            case MarketEventKind.Trade:
                p = ReadCompactTrade(ref b, p, end, ref last, symbolId, exchange, local, out ev);
                break;

            case MarketEventKind.DepthDiff:
                p = ReadCompactDiff(ref b, p, end, start, ref last, symbolId, exchange, local, out ev);
                break;

            case MarketEventKind.DepthSnapshot:
                p = ReadCompactSnapshot(ref b, p, end, start, ref last, symbolId, exchange, local, out ev);
                break;

            case MarketEventKind.Kline:
                p = ReadKline(ref b, p, end, compact: true, symbolId, exchange, local, out ev);
                break;

            case MarketEventKind.RawFrame:
                p = ReadRawFrame(ref b, p, end, start, symbolId, exchange, local, out ev);
                break;

            default:
                throw UnknownKind(kind, p);
        }

        if (p > end)
        {
            throw PastEnd(start, end);
        }

        _pos = p;
    }

    /// <summary>
    /// What every event starts with in both formats: its kind, its symbol (checked against the header's), and its
    /// exchange and local times as deltas from the previous event's. Returns the position after them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReadEventStart(ref byte b, int start, int end, out MarketEventKind kind, out int symbolId, out long exchange, out long local)
    {
        if (start >= end)
        {
            throw PastEnd(start, end);
        }

        int p = start;
        kind = (MarketEventKind)Unsafe.Add(ref b, p++);
        ulong symbol = ReadVarint(ref b, ref p, end);
        if (symbol >= (ulong)_symbols.Length)
        {
            throw BadSymbol(symbol, _symbols.Length, p);
        }

        symbolId = (int)symbol;
        exchange = _prevExchange + ReadZigZag(ref b, ref p, end);
        long offset = _prevOffset + ReadZigZag(ref b, ref p, end);
        _prevExchange = exchange;
        _prevOffset = offset;
        local = exchange + offset;
        return p;
    }

    /// <summary>An event of format version 1: every value an absolute zigzag varint.</summary>
    private void NextAbsolute(out MarketEvent ev)
    {
        ref byte b = ref MemoryMarshal.GetArrayDataReference(_raw);
        int end = _length;
        int start = _pos;
        int p = ReadEventStart(ref b, start, end, out MarketEventKind kind, out int symbolId, out long exchange, out long local);
        switch (kind)
        {
            case MarketEventKind.Trade:
                {
                    long price = ReadZigZag(ref b, ref p, end);
                    long qty = ReadZigZag(ref b, ref p, end);
                    var side = (Side)Unsafe.Add(ref b, p++);
                    if (side > Side.Sell)
                    {
                        throw BadSide(side, p);
                    }

                    long id = ReadZigZag(ref b, ref p, end);
                    ev = MarketEvent.Trade(symbolId, exchange, local, Fixed8.FromRaw(price), Fixed8.FromRaw(qty), side, id);
                    break;
                }

            case MarketEventKind.BookTicker:
                {
                    long bp = ReadZigZag(ref b, ref p, end);
                    long bq = ReadZigZag(ref b, ref p, end);
                    long ap = ReadZigZag(ref b, ref p, end);
                    long aq = ReadZigZag(ref b, ref p, end);
                    long id = ReadZigZag(ref b, ref p, end);
                    ev = MarketEvent.BookTicker(symbolId, exchange, local, Fixed8.FromRaw(bp), Fixed8.FromRaw(bq), Fixed8.FromRaw(ap), Fixed8.FromRaw(aq), id);
                    break;
                }

            case MarketEventKind.DepthSnapshot:
                {
                    long lastId = ReadZigZag(ref b, ref p, end);
                    p = ReadAbsoluteLevels(ref b, p, end, start, _levels);
                    ev = MarketEvent.DepthSnapshot(symbolId, exchange, local, lastId, _levels);
                    break;
                }

            case MarketEventKind.DepthDiff:
                {
                    long first = ReadZigZag(ref b, ref p, end);
                    long lastId = first + ReadZigZag(ref b, ref p, end);
                    p = ReadAbsoluteLevels(ref b, p, end, start, _levels);
                    ev = MarketEvent.DepthDiff(symbolId, exchange, local, first, lastId, _levels);
                    break;
                }

            case MarketEventKind.Kline:
                p = ReadKline(ref b, p, end, compact: false, symbolId, exchange, local, out ev);
                break;

            case MarketEventKind.RawFrame:
                p = ReadRawFrame(ref b, p, end, start, symbolId, exchange, local, out ev);
                break;

            default:
                throw UnknownKind(kind, p);
        }

        if (p > end)
        {
            throw PastEnd(start, end);
        }

        _pos = p;
    }

    private static int ReadCompactTicker(ref byte b, int p, int end, ref SymbolDeltas last, int symbolId, long exchange, long local, out MarketEvent ev)
    {
        long bp = last.BidPrice + ReadDecimal(ref b, ref p, end);
        long bq = ReadDecimal(ref b, ref p, end);
        long ap = bp + ReadDecimal(ref b, ref p, end);
        long aq = ReadDecimal(ref b, ref p, end);
        long id = last.TickerUpdateId + ReadZigZag(ref b, ref p, end);
        last.BidPrice = bp;
        last.TickerUpdateId = id;
        ev = MarketEvent.BookTicker(symbolId, exchange, local, Fixed8.FromRaw(bp), Fixed8.FromRaw(bq), Fixed8.FromRaw(ap), Fixed8.FromRaw(aq), id);
        return p;
    }

    private static int ReadCompactTrade(ref byte b, int p, int end, ref SymbolDeltas last, int symbolId, long exchange, long local, out MarketEvent ev)
    {
        long price = last.TradePrice + ReadDecimal(ref b, ref p, end);
        long qty = ReadDecimal(ref b, ref p, end);
        var side = (Side)Unsafe.Add(ref b, p++);
        if (side > Side.Sell)
        {
            throw BadSide(side, p);
        }

        long id = last.TradeId + ReadZigZag(ref b, ref p, end);
        last.TradePrice = price;
        last.TradeId = id;
        ev = MarketEvent.Trade(symbolId, exchange, local, Fixed8.FromRaw(price), Fixed8.FromRaw(qty), side, id);
        return p;
    }

    private int ReadCompactDiff(ref byte b, int p, int end, int start, ref SymbolDeltas last, int symbolId, long exchange, long local, out MarketEvent ev)
    {
        long first = last.DepthUpdateId + ReadZigZag(ref b, ref p, end);
        long lastId = first + ReadZigZag(ref b, ref p, end);
        p = ReadCompactLevels(ref b, p, end, start, _levels);
        last.DepthUpdateId = lastId;
        ev = MarketEvent.DepthDiff(symbolId, exchange, local, first, lastId, _levels);
        return p;
    }

    private int ReadCompactSnapshot(ref byte b, int p, int end, int start, ref SymbolDeltas last, int symbolId, long exchange, long local, out MarketEvent ev)
    {
        long lastId = ReadZigZag(ref b, ref p, end);
        p = ReadCompactLevels(ref b, p, end, start, _levels);
        last.DepthUpdateId = lastId;
        ev = MarketEvent.DepthSnapshot(symbolId, exchange, local, lastId, _levels);
        return p;
    }

    /// <summary>A kline: its six values are decimals in the compact layout, absolute zigzag varints in version 1.</summary>
    private static int ReadKline(ref byte b, int p, int end, bool compact, int symbolId, long exchange, long local, out MarketEvent ev)
    {
        long interval = (long)ReadVarint(ref b, ref p, end);
        long openTime = exchange - ReadZigZag(ref b, ref p, end);
        Span<long> values = stackalloc long[6];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = compact ? ReadDecimal(ref b, ref p, end) : ReadZigZag(ref b, ref p, end);
        }

        ev = MarketEvent.Kline(symbolId, exchange, local, openTime, interval, Fixed8.FromRaw(values[0]), Fixed8.FromRaw(values[1]), Fixed8.FromRaw(values[2]),
            Fixed8.FromRaw(values[3]), Fixed8.FromRaw(values[4]), Fixed8.FromRaw(values[5]));
        return p;
    }

    private int ReadRawFrame(ref byte b, int p, int end, int start, int symbolId, long exchange, long local, out MarketEvent ev)
    {
        long tag = (long)ReadVarint(ref b, ref p, end);
        ulong len = ReadVarint(ref b, ref p, end);
        if (p > end)
        {
            throw PastEnd(start, end);
        }

        if (len > (ulong)(end - p))
        {
            throw BadFrameLength(len, p);
        }

        int n = (int)len;
        if (_payload.Length < n)
        {
            _payload = new byte[Math.Max(n, _payload.Length * 2)];
        }

        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref b, p), n).CopyTo(_payload);
        ev = MarketEvent.RawFrame(symbolId, exchange, local, tag, _payload, n);
        return p + n;
    }

    /// <summary>Reads the two level counts and checks they can fit in the rest of the block: a corrupt count is damage, not a huge allocation.</summary>
    private static (int Bids, int Asks) ReadLevelCounts(ref byte b, ref int p, int end)
    {
        ulong bids = ReadVarint(ref b, ref p, end);
        ulong asks = ReadVarint(ref b, ref p, end);
        // Each level takes at least two bytes.
        ulong room = p > end ? 0 : (ulong)(end - p) / 2;
        if (bids > room || asks > room - bids)
        {
            throw BadLevelCounts(bids, asks, p);
        }

        return ((int)bids, (int)asks);
    }

    /// <summary>Levels of the compact layout: each price a decimal difference from the previous level of its side, each quantity a decimal.</summary>
    private static int ReadCompactLevels(ref byte b, int p, int end, int start, DepthLevels levels)
    {
        (int bids, int asks) = ReadLevelCounts(ref b, ref p, end);
        levels.Clear();
        levels.EnsureCapacity(bids, asks);
        long prev = 0;
        for (int i = 0; i < bids; i++)
        {
            // One position check per level keeps the unchecked 8-byte loads of its four varints at most inside the slack.
            if (p > end)
            {
                throw PastEnd(start, end);
            }

            prev += ReadDecimal(ref b, ref p, end);
            levels.AddBid(new PriceLevel(Fixed8.FromRaw(prev), Fixed8.FromRaw(ReadDecimal(ref b, ref p, end))));
        }

        prev = 0;
        for (int i = 0; i < asks; i++)
        {
            if (p > end)
            {
                throw PastEnd(start, end);
            }

            prev += ReadDecimal(ref b, ref p, end);
            levels.AddAsk(new PriceLevel(Fixed8.FromRaw(prev), Fixed8.FromRaw(ReadDecimal(ref b, ref p, end))));
        }

        return p;
    }

    /// <summary>Levels of format version 1: each price a zigzag difference from the previous level of its side, each quantity absolute.</summary>
    private static int ReadAbsoluteLevels(ref byte b, int p, int end, int start, DepthLevels levels)
    {
        (int bids, int asks) = ReadLevelCounts(ref b, ref p, end);
        levels.Clear();
        levels.EnsureCapacity(bids, asks);
        long prev = 0;
        for (int i = 0; i < bids; i++)
        {
            if (p > end)
            {
                throw PastEnd(start, end);
            }

            prev += ReadZigZag(ref b, ref p, end);
            levels.AddBid(new PriceLevel(Fixed8.FromRaw(prev), Fixed8.FromRaw(ReadZigZag(ref b, ref p, end))));
        }

        prev = 0;
        for (int i = 0; i < asks; i++)
        {
            if (p > end)
            {
                throw PastEnd(start, end);
            }

            prev += ReadZigZag(ref b, ref p, end);
            levels.AddAsk(new PriceLevel(Fixed8.FromRaw(prev), Fixed8.FromRaw(ReadZigZag(ref b, ref p, end))));
        }

        return p;
    }

    /// <summary>
    /// Divisors of the compact layout's decimal values by their two-bit code k (1: 10^2, 2: 10^4, 3: 10^6; 0 is unscaled,
    /// in a second varint), packed 21 bits apiece at bit 21 × (k − 1): a shift and a mask, no table load per value.
    /// </summary>
    private const ulong DecimalScales = 100UL | (10_000UL << 21) | (1_000_000UL << 42);

    /// <summary>A Fixed8 raw value written by <see cref="BlockEventEncoder"/>'s decimal encoding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ReadDecimal(ref byte b, ref int p, int end)
    {
        ulong u = ReadVarint(ref b, ref p, end);
        int k = (int)(u & 3);
        if (k == 0)
        {
            if (u != 0)
            {
                throw BadMarker(u, p);
            }

            return ReadZigZag(ref b, ref p, end);
        }

        long scaled = (long)(u >> 3) ^ -(long)((u >> 2) & 1);
        return scaled * (long)((DecimalScales >> (21 * (k - 1))) & 0x1FFFFF);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ReadZigZag(ref byte b, ref int p, int end)
    {
        ulong v = ReadVarint(ref b, ref p, end);
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    /// <summary>
    /// A varint from one 8-byte load at <paramref name="p"/> (which the slack keeps inside the buffer). Half the sample's
    /// varints are one byte, and each inlined call site reads one field, so the one-byte test predicts well. Longer ones:
    /// the first clear high bit ends it, the bytes after it are masked off, and the seven-bit groups are packed in three
    /// steps. Only a varint of nine or ten bytes takes the checked byte-by-byte path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReadVarint(ref byte b, ref int p, int end)
    {
        ulong w = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref b, p));
        if ((w & 0x80) == 0)
        {
            p++;
            return w & 0x7F;
        }

        ulong stops = ~w & 0x8080808080808080UL;
        if (stops == 0)
        {
            ulong value = ReadLongVarint(ref b, p, end);
            p += 9 + (Unsafe.Add(ref b, p + 8) >> 7); // checked by ReadLongVarint: a ninth byte ends it or a tenth does
            return value;
        }

        int bits = BitOperations.TrailingZeroCount(stops) + 1; // 8, 16, .. 64: up to and including the last byte's stop bit
        p += bits >> 3;
        w &= (ulong.MaxValue >> (64 - bits)) & 0x7F7F7F7F7F7F7F7FUL;
        w = (w & 0x007F007F007F007FUL) | ((w >> 1) & 0x3F803F803F803F80UL);
        w = (w & 0x00003FFF00003FFFUL) | ((w >> 2) & 0x0FFFC0000FFFC000UL);
        return (w & 0x000000000FFFFFFFUL) | ((w >> 4) & 0x00FFFFFFF0000000UL);
    }

    /// <summary>A varint longer than eight bytes (or damage), read byte by byte within the block. Returns only the value
    /// (a tuple would cost its caller a zeroed stack slot per varint read, even on the fast path).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong ReadLongVarint(ref byte b, int p, int end)
    {
        ulong result = 0;
        int shift = 0;
        int i = p;
        while (true)
        {
            if (i >= end)
            {
                throw Bad("varint runs past the block end", i);
            }

            byte next = Unsafe.Add(ref b, i++);
            result |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return result;
            }

            shift += 7;
            if (shift > 63)
            {
                throw Bad("varint longer than 10 bytes", i);
            }
        }
    }

    private static InvalidDataException PastEnd(int start, int end) => new($"event at raw position {start} runs past the block end ({end} bytes)");

    private static InvalidDataException BadSymbol(ulong symbol, int count, int position) =>
        Bad($"symbol index {symbol} but the header lists {count} symbols", position);

    private static InvalidDataException BadSide(Side side, int position) => Bad($"bad trade side {(byte)side}", position);

    private static InvalidDataException UnknownKind(MarketEventKind kind, int position) => Bad($"unknown event kind {(byte)kind}", position);

    private static InvalidDataException BadMarker(ulong marker, int position) => Bad($"unscaled decimal marker {marker} is not 0", position);

    private static InvalidDataException BadFrameLength(ulong length, int position) => Bad($"raw frame of {length} bytes runs past the block end", position);

    private static InvalidDataException BadLevelCounts(ulong bids, ulong asks, int position) =>
        Bad($"{bids} bids and {asks} asks cannot fit in the rest of the block", position);

    private static InvalidDataException Bad(string reason, int position) => new($"{reason} (raw position {position})");
}
