using FlashTrader.Core.Backtesting;

namespace FlashTrader.Core.Tests.Backtesting;

public sealed class TradingSessionsTests
{
    private static long Utc(int hour, int minute = 0, int second = 0) =>
        (new DateTimeOffset(2024, 8, 9, hour, minute, second, TimeSpan.Zero).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    [Theory]
    [InlineData(0, 0, 0, TradingSession.Asia)]
    [InlineData(7, 59, 59, TradingSession.Asia)]
    [InlineData(8, 0, 0, TradingSession.Europe)]
    [InlineData(12, 59, 59, TradingSession.Europe)]
    [InlineData(13, 0, 0, TradingSession.Us)]
    [InlineData(20, 59, 59, TradingSession.Us)]
    [InlineData(21, 0, 0, TradingSession.Asia)]
    [InlineData(23, 59, 59, TradingSession.Asia)]
    public void Boundary_instants_fall_in_the_session_they_open(int hour, int minute, int second, TradingSession expected) =>
        TradingSessions.Classify(Utc(hour, minute, second)).Should().Be(expected);

    [Fact]
    public void The_last_nanosecond_before_a_boundary_belongs_to_the_earlier_session()
    {
        TradingSessions.Classify(Utc(8) - 1).Should().Be(TradingSession.Asia);
        TradingSessions.Classify(Utc(13) - 1).Should().Be(TradingSession.Europe);
        TradingSessions.Classify(Utc(21) - 1).Should().Be(TradingSession.Us);
    }
}
