using FlashTrader.Core.Pipeline;

namespace FlashTrader.Core.Tests.Pipeline;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_report_the_upper_edge_of_their_1_us_bucket_capped_at_the_maximum()
    {
        var histogram = new LatencyHistogram();
        for (int i = 0; i < 100; i++)
        {
            histogram.Record(i + 0.5);
        }

        histogram.Count.Should().Be(100);
        histogram.Percentile(50).Should().Be(50);
        histogram.Percentile(99).Should().Be(99);
        histogram.Percentile(100).Should().Be(99.5);
        histogram.MaxMicros.Should().Be(99.5);
    }

    [Fact]
    public void Beyond_10_ms_buckets_are_100_us_wide_and_beyond_1_s_one_overflow_bucket_holds_the_exact_maximum()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(15_050);
        histogram.Record(15_099);
        histogram.Record(2_500_000);

        histogram.Percentile(50).Should().Be(15_100);
        histogram.Percentile(100).Should().Be(2_500_000);
    }

    [Fact]
    public void Negative_and_NaN_latencies_count_as_zero_and_an_empty_histogram_reports_zero()
    {
        var histogram = new LatencyHistogram();
        histogram.Percentile(99).Should().Be(0);

        histogram.Record(-3);
        histogram.Record(double.NaN);

        histogram.Count.Should().Be(2);
        histogram.Percentile(100).Should().Be(0);
    }

    [Fact]
    public void Merging_adds_counts_and_keeps_the_larger_maximum()
    {
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        a.Record(1.2);
        b.Record(7.7);
        b.Record(8.1);

        a.Merge(b);

        a.Count.Should().Be(3);
        a.MaxMicros.Should().Be(8.1);
        a.Percentile(50).Should().Be(8);
    }
}
