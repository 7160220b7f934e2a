using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Storage.State;

/// <summary>
/// A resting order as JSON with exact decimal strings (never floating point) for the open_orders table: an object of
/// string values in a fixed key order. Written with one reusable UTF-8 writer and numbers formatted on the stack, so
/// journaling an open order allocates nothing once the buffer has grown (it was a dictionary and a string per order).
/// </summary>
internal sealed class StoredOrder : IDisposable
{
    private static readonly JsonEncodedText OrderIdKey = JsonEncodedText.Encode("orderId");
    private static readonly JsonEncodedText SymbolIdKey = JsonEncodedText.Encode("symbolId");
    private static readonly JsonEncodedText SideKey = JsonEncodedText.Encode("side");
    private static readonly JsonEncodedText TypeKey = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText TimeInForceKey = JsonEncodedText.Encode("timeInForce");
    private static readonly JsonEncodedText PriceKey = JsonEncodedText.Encode("price");
    private static readonly JsonEncodedText QuantityKey = JsonEncodedText.Encode("quantity");
    private static readonly JsonEncodedText PurposeKey = JsonEncodedText.Encode("purpose");
    private static readonly JsonEncodedText DecisionTimeKey = JsonEncodedText.Encode("decisionTimeNs");
    private static readonly JsonEncodedText FilledKey = JsonEncodedText.Encode("filled");
    private static readonly JsonEncodedText LockedKey = JsonEncodedText.Encode("locked");

    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _writer;

    public StoredOrder() => _writer = new Utf8JsonWriter(_buffer);

    /// <summary>The order's JSON as UTF-8, valid until the next call.</summary>
    public ReadOnlySpan<byte> Write(in OrderRequest r, Fixed8 filled, decimal locked)
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        Span<byte> number = stackalloc byte[64];
        _writer.WriteStartObject();
        _writer.WriteString(OrderIdKey, Format(r.OrderId, number));
        _writer.WriteString(SymbolIdKey, Format(r.SymbolId, number));
        _writer.WriteString(SideKey, EnumText<Side>.Name(r.Side));
        _writer.WriteString(TypeKey, EnumText<OrderType>.Name(r.Type));
        _writer.WriteString(TimeInForceKey, EnumText<TimeInForce>.Name(r.TimeInForce));
        _writer.WriteString(PriceKey, Format(r.Price, number));
        _writer.WriteString(QuantityKey, Format(r.Quantity, number));
        _writer.WriteString(PurposeKey, EnumText<OrderPurpose>.Name(r.Purpose));
        _writer.WriteString(DecisionTimeKey, Format(r.DecisionTimeNs, number));
        _writer.WriteString(FilledKey, Format(filled, number));
        _writer.WriteString(LockedKey, Format(locked, number));
        _writer.WriteEndObject();
        _writer.Flush();
        return _buffer.WrittenSpan;
    }

    public void Dispose() => _writer.Dispose();

    public static RestingOrderState FromJson(string json)
    {
        Dictionary<string, string> m = JsonSerializer.Deserialize<Dictionary<string, string>>(json)
            ?? throw new InvalidDataException("empty open order row");
        var request = new OrderRequest(
            long.Parse(m["orderId"], CultureInfo.InvariantCulture),
            int.Parse(m["symbolId"], CultureInfo.InvariantCulture),
            Enum.Parse<Side>(m["side"]),
            Enum.Parse<OrderType>(m["type"]),
            Enum.Parse<TimeInForce>(m["timeInForce"]),
            Fixed8.Parse(m["price"]),
            Fixed8.Parse(m["quantity"]),
            Enum.Parse<OrderPurpose>(m["purpose"]),
            -1,
            0,
            long.Parse(m["decisionTimeNs"], CultureInfo.InvariantCulture),
            0,
            0);
        return new RestingOrderState(request, Fixed8.Parse(m["filled"]), decimal.Parse(m["locked"], CultureInfo.InvariantCulture));
    }

    private static ReadOnlySpan<byte> Format(long value, Span<byte> into) =>
        value.TryFormat(into, out int written, default, CultureInfo.InvariantCulture) ? into[..written] : throw new InvalidOperationException($"open order: {value} does not fit");

    private static ReadOnlySpan<byte> Format(Fixed8 value, Span<byte> into) =>
        value.TryFormat(into, out int written) ? into[..written] : throw new InvalidOperationException($"open order: {value} does not fit");

    private static ReadOnlySpan<byte> Format(decimal value, Span<byte> into) =>
        value.TryFormat(into, out int written, default, CultureInfo.InvariantCulture) ? into[..written] : throw new InvalidOperationException($"open order: {value} does not fit");
}
