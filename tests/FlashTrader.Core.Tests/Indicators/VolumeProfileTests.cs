using FlashTrader.Core.Indicators;

namespace FlashTrader.Core.Tests.Indicators;

public class VolumeProfileTests
{
    [Fact]
    public void Point_of_control_and_70_percent_value_area_by_bucket()
    {
        // Buckets of 1.0: 100:10, 101:30, 102:20, 103:25, 104:15 (total 100).
        var vp = new VolumeProfile(window: 10, bucketSize: 1.0);
        foreach (var (price, volume) in new[] { (100.2, 10.0), (101.5, 30.0), (102.9, 20.0), (103.0, 25.0), (104.7, 15.0) })
        {
            vp.Update(price, volume);
        }

        vp.TotalVolume.Should().Be(100);
        vp.PointOfControl.Should().Be(101);
        // From 101 (30): above 102 (20) > below 100 (10) -> 50; above 103 (25) -> 75 >= 70.
        vp.ValueAreaLow.Should().Be(101);
        vp.ValueAreaHigh.Should().Be(103);
        vp.VolumeAt(101.99).Should().Be(30);
    }

    [Fact]
    public void Rolls_off_the_oldest_update_when_the_window_is_full()
    {
        var vp = new VolumeProfile(window: 2, bucketSize: 10);
        vp.Update(105, 5);
        vp.Update(115, 3);
        vp.PointOfControl.Should().Be(100);
        vp.Update(117, 1);
        vp.TotalVolume.Should().Be(4);
        vp.VolumeAt(105).Should().Be(0);
        vp.PointOfControl.Should().Be(110);
        vp.ValueAreaLow.Should().Be(110);
        vp.ValueAreaHigh.Should().Be(110);
    }
}
