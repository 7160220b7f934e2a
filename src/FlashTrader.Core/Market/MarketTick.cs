using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace FlashTrader.Core.Market;

/// <summary>
/// An event after MarketState has applied it: the event itself (downstream stages keep their own view of the book
/// from it), the symbol's features, and bookkeeping for ordering and latency measurement.
/// </summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct MarketTick
{
    private readonly long _sequence;
    private readonly MarketEvent _event;
    private readonly MarketFeatures _features;
    private readonly long _receivedTimestamp;

    public MarketTick(long Sequence, MarketEvent Event, MarketFeatures Features, long ReceivedTimestamp)
    {
        _sequence = Sequence;
        _event = Event;
        _features = Features;
        _receivedTimestamp = ReceivedTimestamp;
    }

    public long Sequence { get => _sequence; init => _sequence = value; }

    public MarketEvent Event { get => _event; init => _event = value; }

    public MarketFeatures Features { get => _features; init => _features = value; }

    public long ReceivedTimestamp { get => _receivedTimestamp; init => _receivedTimestamp = value; }

    /// <summary>The event where the tick holds it (<see cref="Event"/> returns a 104-byte copy, and an <c>in</c> argument made from it is another).</summary>
    [UnscopedRef]
    internal ref readonly MarketEvent EventRef => ref _event;

    /// <summary>The features where the tick holds them (<see cref="Features"/> returns a 112-byte copy).</summary>
    [UnscopedRef]
    internal ref readonly MarketFeatures FeaturesRef => ref _features;

    public int SymbolId => _event.SymbolId;

    public long ExchangeTimeNs => _event.ExchangeTimeNs;

    public long LocalTimeNs => _event.LocalTimeNs;

    /// <summary>
    /// Makes MarketState's own tick of a symbol the next one without rewriting its features: most events (book tickers)
    /// leave them as they were, and the 112 bytes need not be copied again. Only for a tick nobody else holds.
    /// </summary>
    internal static void Advance(ref MarketTick tick, long sequence, in MarketEvent ev, long receivedTimestamp)
    {
        Unsafe.AsRef(in tick._sequence) = sequence;
        Unsafe.AsRef(in tick._event) = ev;
        Unsafe.AsRef(in tick._receivedTimestamp) = receivedTimestamp;
    }

    /// <summary>MarketState's own tick of a symbol: its features, to overwrite in place (only for a tick nobody else holds).</summary>
    internal static ref MarketFeatures WritableFeatures(ref MarketTick tick) => ref Unsafe.AsRef(in tick._features);

    public void Deconstruct(out long Sequence, out MarketEvent Event, out MarketFeatures Features, out long ReceivedTimestamp)
    {
        Sequence = _sequence;
        Event = _event;
        Features = _features;
        ReceivedTimestamp = _receivedTimestamp;
    }
}
