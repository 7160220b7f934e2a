using System.Text;
using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Storage.Import.Binance;

internal enum BinanceMessageType
{
    Unknown,
    DepthUpdate,
    Trade,
    AggTrade,
    BookTicker,
    Snapshot,
}

[Flags]
internal enum BinanceFields
{
    None = 0,
    EventTime = 1 << 0,     // E
    FirstUpdateId = 1 << 1, // U
    UpdateId = 1 << 2,      // u
    Bids = 1 << 3,          // b (array) or bids
    Asks = 1 << 4,          // a (array) or asks
    BidPrice = 1 << 5,      // b (string)
    BidQty = 1 << 6,        // B
    AskPrice = 1 << 7,      // a (string)
    AskQty = 1 << 8,        // A
    Price = 1 << 9,         // p
    Qty = 1 << 10,          // q
    TradeId = 1 << 11,      // t
    AggTradeId = 1 << 12,   // a (number)
    BuyerMaker = 1 << 13,   // m
    LastUpdateId = 1 << 14, // lastUpdateId
    Symbol = 1 << 15,       // s
    Stream = 1 << 16,       // stream
}

/// <summary>
/// One Binance market-data message parsed in a single pass of <see cref="Utf8JsonReader"/> over the line bytes:
/// a combined-stream wrapper <c>{"stream":..,"data":{..}}</c> or a bare payload (depthUpdate spot or futures form,
/// bookTicker, trade, aggTrade, REST depth snapshot). Reused line after line: parsing allocates nothing.
/// Binance reuses single-letter keys with different types ('a' is the asks array, the ask price or the aggregate
/// trade id), so a field is recognised by its key and its token type together.
/// </summary>
internal sealed class BinanceMessage
{
    private readonly byte[] _symbol = new byte[32];
    private readonly byte[] _stream = new byte[64];
    private readonly byte[] _eventType = new byte[32];
    private int _symbolLength;
    private int _streamLength;
    private int _eventTypeLength;

    public BinanceMessageType Type { get; private set; }

    public BinanceFields Fields { get; private set; }

    public long EventTime { get; private set; }

    public long FirstUpdateId { get; private set; }

    public long UpdateId { get; private set; }

    public long LastUpdateId { get; private set; }

    public long TradeId { get; private set; }

    public long AggTradeId { get; private set; }

    public bool BuyerIsMaker { get; private set; }

    public Fixed8 Price { get; private set; }

    public Fixed8 Quantity { get; private set; }

    public Fixed8 BidPrice { get; private set; }

    public Fixed8 BidQuantity { get; private set; }

    public Fixed8 AskPrice { get; private set; }

    public Fixed8 AskQuantity { get; private set; }

    /// <summary>Depth levels of a depthUpdate or snapshot; owned by the caller, filled by <see cref="Parse"/>.</summary>
    public DepthLevels Levels { get; }

    public BinanceMessage(DepthLevels levels) => Levels = levels;

    public ReadOnlySpan<byte> Symbol => _symbol.AsSpan(0, _symbolLength);

    /// <summary>The symbol of the stream name ("btcusdt@depth@100ms" gives BTCUSDT), upper case.</summary>
    public ReadOnlySpan<byte> StreamSymbol => _stream.AsSpan(0, _streamLength);

    /// <summary>The 'e' value when <see cref="Type"/> is Unknown (for the "ignored" warning).</summary>
    public string EventTypeName => Encoding.UTF8.GetString(_eventType, 0, _eventTypeLength);

    public bool Has(BinanceFields fields) => (Fields & fields) == fields;

    /// <summary>Parses one JSON message; throws <see cref="BadLineException"/> naming the byte column on malformed JSON.</summary>
    public void Parse(ReadOnlySpan<byte> json, int columnOffset)
    {
        Type = BinanceMessageType.Unknown;
        Fields = BinanceFields.None;
        _symbolLength = _streamLength = _eventTypeLength = 0;
        Levels.Clear();
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new BadLineException($"column {columnOffset + 1}: message is not a JSON object");
            }

            ReadObject(ref reader, columnOffset);
            if (reader.Read())
            {
                throw new BadLineException($"column {columnOffset + reader.TokenStartIndex + 1}: text after the JSON object");
            }
        }
        catch (JsonException ex)
        {
            throw new BadLineException($"column {columnOffset + (ex.BytePositionInLine ?? 0) + 1}: malformed JSON");
        }

        if (Type == BinanceMessageType.Unknown && _eventTypeLength == 0)
        {
            if (Has(BinanceFields.LastUpdateId))
            {
                Type = BinanceMessageType.Snapshot;
            }
            else if ((Fields & (BinanceFields.BidPrice | BinanceFields.AskPrice)) != 0)
            {
                Type = BinanceMessageType.BookTicker; // the spot bookTicker stream has no 'e'
            }
            else
            {
                throw new BadLineException("message has no 'e' event type and is neither a bookTicker nor a depth snapshot");
            }
        }
    }

    private void ReadObject(ref Utf8JsonReader reader, int columnOffset)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return;
            }

            ReadOnlySpan<byte> name = reader.ValueSpan;
            if (reader.ValueIsEscaped)
            {
                reader.Skip(); // skips the value: no Binance key needs escaping, so an escaped key is not one of ours
                continue;
            }

            reader.Read();
            if (name.Length == 1)
            {
                ReadShortField(ref reader, name[0], columnOffset);
            }
            else if (name.SequenceEqual("data"u8) && reader.TokenType == JsonTokenType.StartObject)
            {
                ReadObject(ref reader, columnOffset);
            }
            else if (name.SequenceEqual("stream"u8) && reader.TokenType == JsonTokenType.String)
            {
                ReadStream(reader.ValueSpan);
                Fields |= BinanceFields.Stream;
            }
            else if (name.SequenceEqual("lastUpdateId"u8))
            {
                LastUpdateId = Int64(ref reader, "lastUpdateId", columnOffset);
                Fields |= BinanceFields.LastUpdateId;
            }
            else if (name.SequenceEqual("bids"u8))
            {
                ReadLevels(ref reader, bids: true, "bids", columnOffset);
                Fields |= BinanceFields.Bids;
            }
            else if (name.SequenceEqual("asks"u8))
            {
                ReadLevels(ref reader, bids: false, "asks", columnOffset);
                Fields |= BinanceFields.Asks;
            }
            else
            {
                reader.Skip();
            }

        }
    }

    private void ReadShortField(ref Utf8JsonReader reader, byte key, int columnOffset)
    {
        JsonTokenType token = reader.TokenType;
        switch (key)
        {
            case (byte)'e' when token == JsonTokenType.String:
                SetEventType(reader.ValueSpan);
                break;
            case (byte)'E':
                EventTime = Int64(ref reader, "E", columnOffset);
                Fields |= BinanceFields.EventTime;
                break;
            case (byte)'s' when token == JsonTokenType.String:
                _symbolLength = CopyUpper(reader.ValueSpan, _symbol);
                Fields |= BinanceFields.Symbol;
                break;
            case (byte)'U':
                FirstUpdateId = Int64(ref reader, "U", columnOffset);
                Fields |= BinanceFields.FirstUpdateId;
                break;
            case (byte)'u':
                UpdateId = Int64(ref reader, "u", columnOffset);
                Fields |= BinanceFields.UpdateId;
                break;
            case (byte)'t':
                TradeId = Int64(ref reader, "t", columnOffset);
                Fields |= BinanceFields.TradeId;
                break;
            case (byte)'p':
                Price = Decimal(ref reader, "p", columnOffset);
                Fields |= BinanceFields.Price;
                break;
            case (byte)'q':
                Quantity = Decimal(ref reader, "q", columnOffset);
                Fields |= BinanceFields.Qty;
                break;
            case (byte)'m':
                if (token is not (JsonTokenType.True or JsonTokenType.False))
                {
                    throw new BadLineException($"column {columnOffset + reader.TokenStartIndex + 1}: 'm' is not true or false");
                }

                BuyerIsMaker = token == JsonTokenType.True;
                Fields |= BinanceFields.BuyerMaker;
                break;
            case (byte)'B':
                BidQuantity = Decimal(ref reader, "B", columnOffset);
                Fields |= BinanceFields.BidQty;
                break;
            case (byte)'A':
                AskQuantity = Decimal(ref reader, "A", columnOffset);
                Fields |= BinanceFields.AskQty;
                break;
            case (byte)'b' when token == JsonTokenType.StartArray:
                ReadLevels(ref reader, bids: true, "b", columnOffset);
                Fields |= BinanceFields.Bids;
                break;
            case (byte)'b' when token == JsonTokenType.String:
                BidPrice = Decimal(ref reader, "b", columnOffset);
                Fields |= BinanceFields.BidPrice;
                break;
            case (byte)'a' when token == JsonTokenType.StartArray:
                ReadLevels(ref reader, bids: false, "a", columnOffset);
                Fields |= BinanceFields.Asks;
                break;
            case (byte)'a' when token == JsonTokenType.String:
                AskPrice = Decimal(ref reader, "a", columnOffset);
                Fields |= BinanceFields.AskPrice;
                break;
            case (byte)'a' when token == JsonTokenType.Number:
                AggTradeId = Int64(ref reader, "a", columnOffset);
                Fields |= BinanceFields.AggTradeId;
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private void SetEventType(ReadOnlySpan<byte> value)
    {
        Type = value switch
        {
            _ when value.SequenceEqual("depthUpdate"u8) => BinanceMessageType.DepthUpdate,
            _ when value.SequenceEqual("trade"u8) => BinanceMessageType.Trade,
            _ when value.SequenceEqual("aggTrade"u8) => BinanceMessageType.AggTrade,
            _ when value.SequenceEqual("bookTicker"u8) => BinanceMessageType.BookTicker,
            _ => BinanceMessageType.Unknown,
        };
        int n = Math.Min(value.Length, _eventType.Length);
        value[..n].CopyTo(_eventType);
        _eventTypeLength = Math.Max(n, 1);
    }

    private void ReadStream(ReadOnlySpan<byte> value)
    {
        int at = value.IndexOf((byte)'@');
        _streamLength = CopyUpper(at < 0 ? value : value[..at], _stream);
    }

    private void ReadLevels(ref Utf8JsonReader reader, bool bids, string field, int columnOffset)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new BadLineException($"column {columnOffset + reader.TokenStartIndex + 1}: '{field}' is not an array of [price, quantity]");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new BadLineException($"column {columnOffset + reader.TokenStartIndex + 1}: '{field}' level is not a [price, quantity] array");
            }

            reader.Read();
            Fixed8 price = Decimal(ref reader, field + " price", columnOffset);
            reader.Read();
            Fixed8 qty = Decimal(ref reader, field + " quantity", columnOffset);
            if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                throw new BadLineException($"column {columnOffset + reader.TokenStartIndex + 1}: '{field}' level has more than a price and a quantity");
            }

            var level = new PriceLevel(price, qty);
            if (bids)
            {
                Levels.AddBid(level);
            }
            else
            {
                Levels.AddAsk(level);
            }
        }
    }

    private static long Int64(ref Utf8JsonReader reader, string field, int columnOffset) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value)
            ? value
            : throw new BadLineException($"column {columnOffset + reader.TokenStartIndex + 1}: '{field}' is not an integer");

    private static Fixed8 Decimal(ref Utf8JsonReader reader, string field, int columnOffset)
    {
        // Binance quotes prices and quantities as strings; accept bare numbers too, never via double.
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number && !reader.ValueIsEscaped
            && Fixed8.TryParse(reader.ValueSpan, out Fixed8 value))
        {
            return value;
        }

        throw new BadLineException($"column {columnOffset + reader.TokenStartIndex + 1}: '{field}' is not a decimal with at most {Fixed8.Decimals} places");
    }

    private static int CopyUpper(ReadOnlySpan<byte> value, byte[] destination)
    {
        int n = Math.Min(value.Length, destination.Length);
        for (int i = 0; i < n; i++)
        {
            byte c = value[i];
            destination[i] = c is >= (byte)'a' and <= (byte)'z' ? (byte)(c - 32) : c;
        }

        return n;
    }
}
