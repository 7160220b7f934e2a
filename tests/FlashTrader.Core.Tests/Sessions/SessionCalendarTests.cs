using FlashTrader.Core.Configuration;
using FlashTrader.Core.Sessions;

namespace FlashTrader.Core.Tests.Sessions;

public sealed class SessionCalendarTests
{
    private const long Hour = 3_600_000_000_000L;
    private const long Minute = 60_000_000_000L;

    /// <summary>2024-08-08 00:00:00 UTC.</summary>
    private const long Day = 1_723_075_200_000_000_000L;

    private static string At(SessionCalendar c, long ns) => c.Label(c.ActiveAt(ns));

    [Theory]
    [InlineData(0, "asia")]
    [InlineData((7 * Hour) - 1, "asia")]
    [InlineData(7 * Hour, "asia+europe")]
    [InlineData((9 * Hour) - 1, "asia+europe")]
    [InlineData(9 * Hour, "europe")]
    [InlineData((13 * Hour) - 1, "europe")]
    [InlineData(13 * Hour, "europe+us")]
    [InlineData((16 * Hour) - 1, "europe+us")]
    [InlineData(16 * Hour, "us")]
    [InlineData((22 * Hour) - 1, "us")]
    [InlineData(22 * Hour, "off-hours")]
    [InlineData((24 * Hour) - 1, "off-hours")]
    public void Default_sessions_at_their_boundary_instants(long offsetNs, string expected) =>
        At(SessionCalendar.Default, Day + offsetNs).Should().Be(expected);

    [Fact]
    public void Detection_is_a_function_of_the_time_of_day_only()
    {
        At(SessionCalendar.Default, Day + (5 * 24 * Hour) + (14 * Hour)).Should().Be("europe+us");
        At(SessionCalendar.Default, -1).Should().Be("off-hours", "1969-12-31 23:59:59.999999999");
        At(SessionCalendar.Default, 0).Should().Be("asia");
    }

    [Fact]
    public void Configured_windows_replace_the_defaults_and_custom_sessions_wrap_midnight()
    {
        var options = new SessionOptions();
        options.Windows["us"] = "13:30-20:00";
        options.Windows["europe"] = "";
        options.Windows["sydney"] = "22:00-07:00";
        SessionCalendar c = SessionCalendar.From(options);

        c.Windows.Select(w => w.ToString()).Should().Equal("asia 00:00-09:00", "us 13:30-20:00", "sydney 22:00-07:00");
        At(c, Day + (13 * Hour) + (30 * Minute) - 1).Should().Be("off-hours");
        At(c, Day + (13 * Hour) + (30 * Minute)).Should().Be("us");
        At(c, Day + (22 * Hour)).Should().Be("sydney");
        At(c, Day + (3 * Hour)).Should().Be("asia+sydney");
        At(c, Day + (7 * Hour)).Should().Be("asia");
    }

    [Theory]
    [InlineData("7-16", "'7-16' is not a UTC window: expected HH:mm-HH:mm, e.g. 07:00-16:00")]
    [InlineData("07:00-25:00", "'07:00-25:00' is not a UTC window: expected HH:mm-HH:mm, e.g. 07:00-16:00")]
    [InlineData("09:00-09:00", "'09:00-09:00' is empty or starts at 24:00: a session needs a start before its end (or wraps past midnight)")]
    public void A_bad_window_names_its_key(string window, string problem)
    {
        var options = new SessionOptions();
        options.Windows["europe"] = window;

        ((Action)(() => SessionCalendar.From(options))).Should().Throw<ArgumentException>().WithMessage($"Sessions:Windows:europe: {problem}*");
    }

    [Fact]
    public void The_next_boundary_is_the_next_window_edge()
    {
        SessionCalendar c = SessionCalendar.Default;

        c.NextBoundaryAfter(Day).Should().Be(Day + (7 * Hour));
        c.NextBoundaryAfter(Day + (7 * Hour)).Should().Be(Day + (9 * Hour));
        c.NextBoundaryAfter(Day + (22 * Hour)).Should().Be(Day + (24 * Hour));
    }

    [Fact]
    public void Detection_allocates_nothing()
    {
        SessionCalendar c = SessionCalendar.Default;
        long sink = 0;
        for (long t = 0; t < 1000; t++)
        {
            sink += c.Label(c.ActiveAt(Day + (t * Minute))).Length;
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (long t = 0; t < 100_000; t++)
        {
            sink += c.Label(c.ActiveAt(Day + (t * Minute))).Length;
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        sink.Should().BePositive();
    }
}
