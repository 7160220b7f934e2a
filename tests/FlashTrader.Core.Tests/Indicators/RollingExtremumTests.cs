using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class RollingExtremumTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(14)]
    [InlineData(60)]
    public void Equals_the_max_and_min_of_the_last_period_values_on_real_highs_and_lows(int period)
    {
        var bars = BtcUsdcMinuteBars.Bars[..5000];
        var max = new RollingExtremum(period, max: true);
        var min = new RollingExtremum(period, max: false);
        for (int i = 0; i < bars.Length; i++)
        {
            int from = Math.Max(0, i - period + 1);
            max.Push(bars[i].High).Should().Be(bars[from..(i + 1)].Max(b => b.High), $"highest at {i}");
            min.Push(bars[i].Low).Should().Be(bars[from..(i + 1)].Min(b => b.Low), $"lowest at {i}");
        }
    }
}
