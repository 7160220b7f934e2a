using FlashTrader.Mexc.Rest;

namespace FlashTrader.Mexc.Tests.Rest;

public class TokenBucketTests
{
    private static readonly long T0 = new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc).Ticks;

    [Fact]
    public void A_full_bucket_serves_its_burst_at_once_then_one_token_per_interval_in_reservation_order()
    {
        var bucket = new TokenBucket(perSecond: 4, burst: 2);

        TimeSpan[] waits = [.. Enumerable.Range(0, 5).Select(_ => bucket.Reserve(T0))];

        waits.Should().Equal(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(750));
    }

    [Fact]
    public void An_idle_bucket_refills_up_to_its_burst_and_no_further()
    {
        var bucket = new TokenBucket(perSecond: 10, burst: 3);
        for (int i = 0; i < 3; i++)
        {
            bucket.Reserve(T0);
        }

        long later = T0 + TimeSpan.FromSeconds(60).Ticks;
        TimeSpan[] waits = [.. Enumerable.Range(0, 4).Select(_ => bucket.Reserve(later))];

        waits.Should().Equal(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Twenty_a_second_is_twenty_in_any_second_once_the_burst_is_spent()
    {
        var bucket = new TokenBucket(perSecond: 20, burst: 20);
        int immediate = 0;
        int withinTheSecond = 0;
        for (int i = 0; i < 100; i++)
        {
            TimeSpan wait = bucket.Reserve(T0);
            immediate += wait == TimeSpan.Zero ? 1 : 0;
            withinTheSecond += wait < TimeSpan.FromSeconds(1) ? 1 : 0;
        }

        immediate.Should().Be(20);
        withinTheSecond.Should().Be(39, "20 at once, then one every 50 ms: 19 more before the second is out");
    }
}
