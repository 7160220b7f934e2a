using System.Buffers.Binary;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Storage.Recording;

/// <summary>
/// Encodes events into a block's raw (uncompressed) bytes, in the compact layout of format version 2. Per event:
/// <code>
/// kind(u8) symbol(varint) Δexchange(zigzag, vs previous event) Δ(local-exchange)(zigzag, vs previous event)
/// Trade       Δprice(decimal, vs the symbol's previous trade) quantity(decimal) side(u8) ΔtradeId(zigzag, ditto)
/// BookTicker  ΔbidPrice(decimal, vs the symbol's previous ticker) bidQty(decimal) askPrice-bidPrice(decimal)
///             askQty(decimal) ΔupdateId(zigzag, vs the symbol's previous ticker)
/// Snapshot    lastUpdateId(zigzag) bidCount askCount(varint) levels
/// Diff        first-previous last(zigzag, vs the symbol's previous depth event) last-first(zigzag) bidCount askCount(varint) levels
/// Kline       interval(varint) exchange-openTime(zigzag) open high low close volume quoteVolume(decimal)
/// RawFrame    tag(varint) length(varint) bytes
/// levels      per side: Δprice(decimal, vs previous level of that side) quantity(decimal)
/// decimal     a Fixed8 raw value v as varint((zigzag(v / s) &lt;&lt; 2) | k) with s = 100, 10^4, 10^6 for k = 1, 2, 3
///             (the largest that divides v), or k = 0 and zigzag(v) in a second varint
/// </code>
/// Exchange prices and quantities have few decimals, so dividing out the trailing zeros of their 8-decimal raw values
/// (and sending small differences instead of absolute prices and ids) roughly halves the raw bytes of format version 1
/// (every value an absolute zigzag varint): less to decompress and fewer varint bytes to decode per event. All deltas
/// reset at every block so a block decodes on its own.
/// </summary>
internal sealed class BlockEventEncoder
{
    private readonly SymbolDeltas[] _symbols;
    private byte[] _buffer;
    private long _prevExchange;
    private long _prevOffset;

    public BlockEventEncoder(int capacity, int symbolCount)
    {
        _buffer = new byte[capacity];
        _symbols = new SymbolDeltas[symbolCount];
    }

    public int Length { get; private set; }

    public int EventCount { get; private set; }

    public long FirstExchangeNs { get; private set; }

    public long LastExchangeNs { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    public void Reset()
    {
        Length = 0;
        EventCount = 0;
        _prevExchange = 0;
        _prevOffset = 0;
        Array.Clear(_symbols);
    }

    public void Append(in MarketEvent ev)
    {
        if (EventCount == 0)
        {
            FirstExchangeNs = ev.ExchangeTimeNs;
            _prevExchange = ev.ExchangeTimeNs;
        }

        LastExchangeNs = ev.ExchangeTimeNs;
        EnsureRoom(64);
        WriteByte((byte)ev.Kind);
        WriteVarint((ulong)ev.SymbolId);
        WriteZigZag(ev.ExchangeTimeNs - _prevExchange);
        long offset = ev.LocalTimeNs - ev.ExchangeTimeNs;
        WriteZigZag(offset - _prevOffset);
        _prevExchange = ev.ExchangeTimeNs;
        _prevOffset = offset;

        ref SymbolDeltas last = ref _symbols[ev.SymbolId];
        switch (ev.Kind)
        {
            case MarketEventKind.Trade:
                WriteDecimal(ev.Price.Raw - last.TradePrice);
                WriteFixed(ev.Quantity);
                WriteByte((byte)ev.Side);
                WriteZigZag(ev.TradeId - last.TradeId);
                last.TradePrice = ev.Price.Raw;
                last.TradeId = ev.TradeId;
                break;
            case MarketEventKind.BookTicker:
                WriteDecimal(ev.BidPrice.Raw - last.BidPrice);
                WriteFixed(ev.BidQuantity);
                WriteDecimal(ev.AskPrice.Raw - ev.BidPrice.Raw);
                WriteFixed(ev.AskQuantity);
                WriteZigZag(ev.UpdateId - last.TickerUpdateId);
                last.BidPrice = ev.BidPrice.Raw;
                last.TickerUpdateId = ev.UpdateId;
                break;
            case MarketEventKind.DepthSnapshot:
                WriteZigZag(ev.LastUpdateId);
                WriteLevels(ev.Levels);
                last.DepthUpdateId = ev.LastUpdateId;
                break;
            case MarketEventKind.DepthDiff:
                WriteZigZag(ev.FirstUpdateId - last.DepthUpdateId);
                WriteZigZag(ev.LastUpdateId - ev.FirstUpdateId);
                WriteLevels(ev.Levels);
                last.DepthUpdateId = ev.LastUpdateId;
                break;
            case MarketEventKind.Kline:
                WriteVarint((ulong)ev.IntervalSeconds);
                WriteZigZag(ev.ExchangeTimeNs - ev.OpenTimeNs);
                WriteFixed(ev.Open);
                WriteFixed(ev.High);
                WriteFixed(ev.Low);
                WriteFixed(ev.Close);
                WriteFixed(ev.Volume);
                WriteFixed(ev.QuoteVolume);
                break;
            case MarketEventKind.RawFrame:
                ReadOnlySpan<byte> payload = ev.Payload;
                WriteVarint((ulong)ev.FrameTag);
                WriteVarint((ulong)payload.Length);
                EnsureRoom(payload.Length);
                payload.CopyTo(_buffer.AsSpan(Length));
                Length += payload.Length;
                break;
            default:
                throw new ArgumentException($"cannot record an event of kind {ev.Kind}", nameof(ev));
        }

        EventCount++;
    }

    private void WriteLevels(DepthLevels levels)
    {
        EnsureRoom(10 + ((levels.BidCount + levels.AskCount) * 20));
        WriteVarint((ulong)levels.BidCount);
        WriteVarint((ulong)levels.AskCount);
        WriteSide(levels.Bids);
        WriteSide(levels.Asks);
    }

    private void WriteSide(ReadOnlySpan<PriceLevel> levels)
    {
        long prev = 0;
        foreach (PriceLevel level in levels)
        {
            WriteDecimal(level.Price.Raw - prev);
            WriteFixed(level.Quantity);
            prev = level.Price.Raw;
        }
    }

    private void WriteFixed(Fixed8 value) => WriteDecimal(value.Raw);

    /// <summary>A Fixed8 raw value (or difference) with its trailing decimal zeros divided out; see the layout above.</summary>
    private void WriteDecimal(long value)
    {
        if (value % 1_000_000 == 0)
        {
            WriteVarint((ZigZag(value / 1_000_000) << 2) | 3);
        }
        else if (value % 10_000 == 0)
        {
            WriteVarint((ZigZag(value / 10_000) << 2) | 2);
        }
        else if (value % 100 == 0)
        {
            WriteVarint((ZigZag(value / 100) << 2) | 1);
        }
        else
        {
            WriteByte(0);
            WriteZigZag(value);
        }
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private void WriteZigZag(long value) => WriteVarint(ZigZag(value));

    private void WriteVarint(ulong value)
    {
        EnsureRoom(10);
        while (value >= 0x80)
        {
            _buffer[Length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[Length++] = (byte)value;
    }

    private void WriteByte(byte b)
    {
        EnsureRoom(1);
        _buffer[Length++] = b;
    }

    private void EnsureRoom(int bytes)
    {
        if (Length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + bytes));
        }
    }

    internal static void WriteBlockHeader(Span<byte> header, RecordingCodec codec, int payloadLength, int rawLength, int eventCount, long firstNs, long lastNs)
    {
        RecordingFormat.BlockMagic.CopyTo(header);
        header[4] = (byte)codec;
        header[5] = header[6] = header[7] = 0;
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], payloadLength);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], rawLength);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], eventCount);
        BinaryPrimitives.WriteInt64LittleEndian(header[20..], firstNs);
        BinaryPrimitives.WriteInt64LittleEndian(header[28..], lastNs);
    }
}
