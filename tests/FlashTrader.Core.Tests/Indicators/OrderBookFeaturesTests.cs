using FlashTrader.Core.Indicators;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Core.Tests.Indicators;

public class OrderBookFeaturesTests
{
    private static PriceLevel L(string price, string qty) =>
        new(Fixed8.TryParse(price.AsSpan(), out var p) ? p : throw new FormatException(price), Fixed8.TryParse(qty.AsSpan(), out var q) ? q : throw new FormatException(qty));

    private static readonly PriceLevel[] Bids = [L("61000.00", "2"), L("60999.50", "1"), L("60999.00", "5")];
    private static readonly PriceLevel[] Asks = [L("61001.00", "1"), L("61001.50", "1"), L("61002.00", "1")];

    [Fact]
    public void Imbalance_over_n_levels()
    {
        OrderBookFeatures.Imbalance(Bids, Asks, 1).Should().BeApproximately(1.0 / 3.0, 1e-15); // (2-1)/(2+1)
        OrderBookFeatures.Imbalance(Bids, Asks, 2).Should().BeApproximately(0.2, 1e-15); // (3-2)/5
        OrderBookFeatures.Imbalance(Bids, Asks, 10).Should().BeApproximately(5.0 / 11.0, 1e-15); // (8-3)/(8+3): only 3 levels exist
    }

    [Fact]
    public void Depth_ratio_microprice_and_spread()
    {
        OrderBookFeatures.DepthRatio(Bids, Asks, 3).Should().BeApproximately(8.0 / 3.0, 1e-15);
        // (61000·1 + 61001·2)/3: the larger bid pulls the microprice toward the ask.
        OrderBookFeatures.Microprice(Bids, Asks).Should().BeApproximately(61000.0 + (2.0 / 3.0), 1e-9);
        OrderBookFeatures.TryGetSpread(Bids, Asks, out var spread).Should().BeTrue();
        spread.Should().Be(Fixed8.One);
        OrderBookFeatures.SpreadBps(Bids, Asks).Should().BeApproximately(10_000.0 / 61000.5, 1e-12);
    }

    [Fact]
    public void An_empty_side_gives_NaN_not_a_number_that_looks_valid()
    {
        double.IsNaN(OrderBookFeatures.Microprice(Bids, [])).Should().BeTrue();
        double.IsNaN(OrderBookFeatures.SpreadBps([], Asks)).Should().BeTrue();
        OrderBookFeatures.TryGetSpread(Bids, [], out _).Should().BeFalse();
        OrderBookFeatures.Imbalance(Bids, [], 5).Should().Be(1);
        double.IsNaN(OrderBookFeatures.DepthRatio(Bids, [], 5)).Should().BeTrue();
    }
}
