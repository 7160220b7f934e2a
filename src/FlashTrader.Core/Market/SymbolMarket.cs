using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;

namespace FlashTrader.Core.Market;

/// <summary>Everything MarketState keeps for one symbol: its book, trade tape and sampled mid series.</summary>
public sealed class SymbolMarket
{
    public SymbolMarket(Instrument instrument, SignalGenerationOptions options)
    {
        Instrument = instrument;
        Book = new OrderBook(instrument.Symbol);
        Tape = new TradeTape(options.TradeWindowMs);
        Mids = new SampledMidSeries(options.UpdateIntervalMs, options.MomentumWindowMs, options.VolatilityWindowMs, options.TrendWindowMs);
    }

    public Instrument Instrument { get; }

    public OrderBook Book { get; }

    public TradeTape Tape { get; }

    public SampledMidSeries Mids { get; }

    public MarketFeatures Features { get; internal set; }

    public long BookTickers { get; internal set; }

    public long Klines { get; internal set; }
}
