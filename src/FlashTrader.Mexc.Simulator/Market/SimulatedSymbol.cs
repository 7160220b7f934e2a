using System.Text;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Mexc.Simulator.Market;

/// <summary>
/// The replayed market of one symbol, as the simulator serves it: the book (versions as pushed), the recent trades,
/// the klines, and the latest quote. Guarded by the simulator's exchange lock.
/// </summary>
internal sealed class SimulatedSymbol
{
    public SimulatedSymbol(Instrument instrument)
    {
        Instrument = instrument;
        Utf8Name = Encoding.UTF8.GetBytes(instrument.Symbol);
        Book = new OrderBook(instrument.Symbol);
    }

    public Instrument Instrument { get; }

    public int Id => Instrument.Id;

    public string Name => Instrument.Symbol;

    public byte[] Utf8Name { get; }

    /// <summary>The book as clients see it: LastUpdateId is the version of the latest diff applied (and pushed).</summary>
    public OrderBook Book { get; set; }

    public TradeTape Trades { get; } = new();

    public KlineHistory Klines { get; } = new();

    /// <summary>The latest recorded best bid/ask (bookTicker).</summary>
    public MarketEvent LastQuote { get; set; }

    public bool HasQuote { get; set; }

    /// <summary>Exchange time of the latest event served for this symbol, Unix ms.</summary>
    public long LastEventTimeMs { get; set; }

    /// <summary>Price of the last trade (24hr ticker's lastPrice).</summary>
    public Fixed8 LastPrice { get; set; }

    public long TradeCount { get; set; }
}
