using FlashTrader.Core.Backtesting;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Signals;

namespace FlashTrader.Core.Tests.Backtesting;

public sealed class SignalAttributionTests
{
    private const long Ms = 1_000_000L;

    private static SignalSet Set(params Signal[] signals)
    {
        var set = default(SignalSet);
        foreach (Signal s in signals)
        {
            set.TryAdd(s);
        }

        return set;
    }

    private static Signal Buy(int source, double strength, long timeNs, int symbol = 0) => new(symbol, Side.Buy, source, strength, Fixed8.One, timeNs, timeNs);

    private static Signal Sell(int source, double strength, long timeNs, int symbol = 0) => new(symbol, Side.Sell, source, strength, Fixed8.One, timeNs, timeNs);

    [Fact]
    public void The_source_with_the_largest_net_buy_strength_in_the_window_gets_the_entry()
    {
        var attribution = new SignalAttribution(symbolCount: 2, sourceCount: 3, windowMs: 1_000);
        attribution.Observe(Set(Buy(0, 0.6, 0), Buy(1, 0.3, 0), Sell(2, 0.9, 0)));
        attribution.Observe(Set(Buy(1, 0.4, 100 * Ms)));

        // Source 1: 0.3 + 0.4 = 0.7 beats source 0's 0.6; source 2 is net short.
        attribution.Attribute(0, 200 * Ms).Should().Be(1);
        // Symbol 1 saw no signal.
        attribution.Attribute(1, 200 * Ms).Should().Be(-1);
    }

    [Fact]
    public void Signals_older_than_the_window_no_longer_count()
    {
        var attribution = new SignalAttribution(1, 2, windowMs: 1_000);
        attribution.Observe(Set(Buy(0, 0.9, 0)));
        attribution.Observe(Set(Buy(1, 0.2, 900 * Ms)));

        attribution.Attribute(0, 950 * Ms).Should().Be(0);
        attribution.Attribute(0, 1_500 * Ms).Should().Be(1);
        attribution.Attribute(0, 3_000 * Ms).Should().Be(-1);
    }

    [Fact]
    public void Opposing_signals_of_one_source_cancel()
    {
        var attribution = new SignalAttribution(1, 1, windowMs: 1_000);
        attribution.Observe(Set(Buy(0, 0.5, 0), Sell(0, 0.5, 0)));

        attribution.Attribute(0, 10 * Ms).Should().Be(-1);
    }
}
