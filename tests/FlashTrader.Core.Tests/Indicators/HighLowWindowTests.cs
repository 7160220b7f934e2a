using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class HighLowWindowTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(14)]
    [InlineData(60)]
    public void Gives_the_highest_high_and_lowest_low_of_the_last_period_bars_on_real_data(int period)
    {
        // Periods below 5 take the scalar scan; 5 is the shortest SIMD one (four older bars), 14 overlaps its last load.
        var bars = BtcUsdcMinuteBars.Bars[..5000];
        var window = new HighLowWindow(period);
        for (int i = 0; i < bars.Length; i++)
        {
            int from = Math.Max(0, i - period + 1);
            (double highest, double lowest) = window.Push(bars[i].High, bars[i].Low);
            highest.Should().Be(bars[from..(i + 1)].Max(b => b.High), $"highest at {i}");
            lowest.Should().Be(bars[from..(i + 1)].Min(b => b.Low), $"lowest at {i}");
        }
    }
}
