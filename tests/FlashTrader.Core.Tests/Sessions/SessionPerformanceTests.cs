using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Sessions;

namespace FlashTrader.Core.Tests.Sessions;

public sealed class SessionPerformanceTests
{
    private const long Hour = 3_600_000_000_000L;

    /// <summary>2024-08-08 00:00:00 UTC.</summary>
    private const long Day = 1_723_075_200_000_000_000L;

    private static ExecutionReport Fill(Side side, string price, string quantity, long timeNs, decimal fee = 0, int symbol = 0) =>
        new(1, symbol, side, OrderStatus.Filled, side == Side.Buy ? OrderPurpose.Entry : OrderPurpose.TakeProfit, RejectReason.None, 1,
            Fixed8.Parse(price), Fixed8.Parse(quantity), fee, Liquidity.Taker, Fixed8.Parse(quantity), Fixed8.Parse(quantity), timeNs, 1);

    [Fact]
    public void A_position_crossing_a_boundary_is_credited_to_its_entry_session()
    {
        var p = new SessionPerformance(SessionCalendar.Default, 2);

        p.OnFill(Fill(Side.Buy, "100", "2", Day + (9 * Hour) - 1, fee: 0.1m)); // Asia+Europe, last nanosecond of the overlap
        p.OnFill(Fill(Side.Sell, "110", "1", Day + (9 * Hour), fee: 0.1m));     // Europe alone
        p.OnFill(Fill(Side.Sell, "90", "1", Day + (13 * Hour), fee: 0.1m));     // Europe+US: flat again
        p.OnFill(Fill(Side.Buy, "100", "1", Day + (13 * Hour)));                // a new position, Europe+US
        p.OnFill(Fill(Side.Sell, "101", "1", Day + (23 * Hour)));               // closed off-hours

        p.Results.Keys.Should().BeEquivalentTo(["asia+europe", "europe+us"]);
        SessionResult overlap = p.Results["asia+europe"];
        (overlap.Fills, overlap.RoundTrips, overlap.Wins, overlap.RealizedPnl, overlap.Fees).Should().Be((3L, 1L, 0L, 0m, 0.3m));
        SessionResult us = p.Results["europe+us"];
        (us.Fills, us.RoundTrips, us.Wins, us.RealizedPnl, us.Fees).Should().Be((2L, 1L, 1L, 1m, 0m));
    }

    [Fact]
    public void Symbols_are_tracked_apart()
    {
        var p = new SessionPerformance(SessionCalendar.Default, 2);

        p.OnFill(Fill(Side.Buy, "100", "1", Day + Hour, symbol: 0));
        p.OnFill(Fill(Side.Buy, "10", "1", Day + (20 * Hour), symbol: 1));
        p.OnFill(Fill(Side.Sell, "12", "1", Day + (21 * Hour), symbol: 1));
        p.OnFill(Fill(Side.Sell, "105", "1", Day + (21 * Hour), symbol: 0));

        p.Results["asia"].RealizedPnl.Should().Be(5m);
        p.Results["us"].RealizedPnl.Should().Be(2m);
    }

    [Fact]
    public void The_configuration_rules_name_a_bad_session_window_key()
    {
        var options = Builders.TestOptions.Default();
        options.Sessions.Windows["europe"] = "8-16";
        options.Sessions.Windows["bad name"] = "01:00-02:00";

        ConfigurationRules.Validate(options).Select(e => e.Key).Should().BeEquivalentTo(["Sessions:Windows:europe", "Sessions:Windows:bad name"]);
    }
}
