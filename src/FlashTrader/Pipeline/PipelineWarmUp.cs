using System.Diagnostics;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Pipeline;
using FlashTrader.Strategies;

namespace FlashTrader.Pipeline;

/// <summary>
/// Drives a throwaway pipeline through a synthetic market that makes it enter, fill and exit, before the real run
/// starts. With tiered compilation off every method is compiled on first use; doing that here keeps the first real
/// order (and exit) from paying milliseconds of JIT. The throwaway pipeline is built like the real one (its own load
/// of the strategy lineup, so the strategy rule book is consulted) and its events carry a receipt timestamp (so the
/// latency clock is read): without both, the first real entry compiled them and took ~0.5 ms instead of ~0.05.
/// Nothing of it reaches the real account, journal or summary.
/// </summary>
public static class PipelineWarmUp
{
    public static long Run(FlashTraderOptions options)
    {
        TradingPipeline pipeline = StrategyLineup.Load(options).NewPipeline(options, new TimeSource());
        InstrumentSet instruments = pipeline.Instruments;
        long t = 1_700_000_000_000_000_000L;
        long fills = 0;
        for (int s = 0; s < instruments.Count; s++)
        {
            long version = 1_000;
            var book = new DepthLevels();
            // A bid-heavy book: the imbalance strategy buys, and the exit rules then trade the position out.
            for (int i = 0; i < 10; i++)
            {
                book.AddBid(new PriceLevel(Fixed8.FromLong(1_000 - i), Fixed8.FromLong(5)));
                book.AddAsk(new PriceLevel(Fixed8.FromLong(1_001 + i), Fixed8.One));
            }

            fills += Process(pipeline, MarketEvent.DepthSnapshot(s, t, t, version, book));
            // The best bid comes and goes: the engine buys at the ask, its stop-loss sells when the bid drops a tick,
            // and after the cooldown it goes round again.
            for (int step = 0; step < 1_000; step++)
            {
                t += 20_000_000;
                var diff = new DepthLevels();
                diff.AddBid(new PriceLevel(Fixed8.FromLong(1_000), Fixed8.FromLong(5 * ((step / 10) % 2))));
                version++;
                fills += Process(pipeline, MarketEvent.DepthDiff(s, t, t, version, version, diff));
                fills += Process(pipeline, MarketEvent.Trade(s, t, t, Fixed8.FromLong(1_000 + (step % 2)), Fixed8.One, step % 2 == 0 ? Side.Sell : Side.Buy, step));
                fills += Process(pipeline, MarketEvent.BookTicker(s, t, t, Fixed8.FromLong(1_000), Fixed8.FromLong(5), Fixed8.FromLong(1_001), Fixed8.One, version));
            }
        }

        return fills;
    }

    private static int Process(TradingPipeline pipeline, in MarketEvent ev)
    {
        pipeline.Process(ev, Stopwatch.GetTimestamp());
        return pipeline.Exchange.Journal.Count(r => r.IsFill);
    }
}
