using System.Buffers.Binary;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Storage.Recording;

/// <summary>
/// Encodes events into a block's raw (uncompressed) bytes. Per event:
/// <code>
/// kind(u8) symbol(varint) Δexchange(zigzag, vs previous event) Δ(local-exchange)(zigzag, vs previous event)
/// Trade       price quantity(zigzag) side(u8) tradeId(zigzag)
/// BookTicker  bidPrice bidQty askPrice askQty(zigzag) updateId(zigzag)
/// Snapshot    lastUpdateId(zigzag) bidCount askCount(varint) levels
/// Diff        first(zigzag) last-first(zigzag) bidCount askCount(varint) levels
/// Kline       interval(varint) exchange-openTime(zigzag) open high low close volume quoteVolume(zigzag)
/// RawFrame    tag(varint) length(varint) bytes
/// levels      per side: Δprice(zigzag, vs previous level of that side) quantity(zigzag)
/// </code>
/// Deltas reset at every block so a block decodes on its own.
/// </summary>
internal sealed class BlockEventEncoder
{
    private byte[] _buffer;
    private long _prevExchange;
    private long _prevOffset;

    public BlockEventEncoder(int capacity) => _buffer = new byte[capacity];

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

        switch (ev.Kind)
        {
            case MarketEventKind.Trade:
                WriteFixed(ev.Price);
                WriteFixed(ev.Quantity);
                WriteByte((byte)ev.Side);
                WriteZigZag(ev.TradeId);
                break;
            case MarketEventKind.BookTicker:
                WriteFixed(ev.BidPrice);
                WriteFixed(ev.BidQuantity);
                WriteFixed(ev.AskPrice);
                WriteFixed(ev.AskQuantity);
                WriteZigZag(ev.UpdateId);
                break;
            case MarketEventKind.DepthSnapshot:
                WriteZigZag(ev.LastUpdateId);
                WriteLevels(ev.Levels);
                break;
            case MarketEventKind.DepthDiff:
                WriteZigZag(ev.FirstUpdateId);
                WriteZigZag(ev.LastUpdateId - ev.FirstUpdateId);
                WriteLevels(ev.Levels);
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
            WriteZigZag(level.Price.Raw - prev);
            WriteFixed(level.Quantity);
            prev = level.Price.Raw;
        }
    }

    private void WriteFixed(Fixed8 value) => WriteZigZag(value.Raw);

    private void WriteZigZag(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

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
