using FlashTrader.Core.Backtesting;
using static FlashTrader.Core.Tests.Backtesting.BacktestFixture;

namespace FlashTrader.Core.Tests.Backtesting;

public sealed class PerformanceCalculatorTests
{
    private static PerformanceMetrics Fixture()
    {
        var equity = new EquityStatistics();
        foreach ((long t, decimal e) in Equity)
        {
            equity.Add(t, e);
        }

        var ledger = new RoundTripLedger(2);
        foreach ((var fill, int source) in Fills)
        {
            ledger.OnFill(fill, source);
        }

        ledger.Finish(T0 + (3 * Minute));
        return PerformanceCalculator.Compute(equity, ledger, T0, T0 + (3 * Minute));
    }

    [Fact]
    public void Every_metric_matches_the_hand_computed_fixture()
    {
        PerformanceMetrics m = Fixture();

        m.StartingEquity.Should().Be(100m);
        m.EndingEquity.Should().Be(114.95m);
        m.NetPnl.Should().Be(14.95m);
        m.ReturnPercent.Should().BeApproximately(14.95, 1e-12);
        // Per-minute Sharpe 1/sqrt(3), Sortino sqrt(3), annualised by sqrt(525,600).
        m.PeriodsPerYear.Should().Be(525_600);
        m.Sharpe.Should().BeApproximately(418.568990729127, 1e-8);
        m.Sortino.Should().BeApproximately(1255.7069721873809, 1e-8);
        m.SharpePerPeriod.Should().BeApproximately(0.5773502691896258, 1e-12);
        m.ReturnObservations.Should().Be(3);
        m.MaxDrawdown.Should().Be(5.5m);
        m.MaxDrawdownPercent.Should().BeApproximately(5, 1e-12);
        m.MaxDrawdownDurationNs.Should().Be(2 * Minute);
        m.Trades.Should().Be(2);
        m.Wins.Should().Be(1);
        m.Losses.Should().Be(1);
        m.WinRatePercent.Should().Be(50);
        m.ProfitFactor.Should().BeApproximately(1.897, 1e-12);
        m.Expectancy.Should().Be(0.897m);
        m.AverageWin.Should().Be(3.794m);
        m.AverageLoss.Should().Be(-2m);
        // In the market 140 s of 180 s.
        m.TimeInMarketPercent.Should().BeApproximately(140.0 / 180 * 100, 1e-12);
        m.Turnover.Should().Be(404m);
        m.TurnoverRatio.Should().BeApproximately(4.04, 1e-12);
        m.Fees.Should().Be(0.206m);
        m.Fills.Should().Be(5);
        m.DurationNs.Should().Be(3 * Minute);
        m.PnlOverDrawdown.Should().BeApproximately(14.95 / 5.5, 1e-12);
    }

    [Fact]
    public void A_run_without_losing_trades_has_no_profit_factor()
    {
        var equity = new EquityStatistics();
        equity.Add(T0, 100m);
        var ledger = new RoundTripLedger(1);
        ledger.OnFill(Fill(1, 0, FlashTrader.Core.Market.Side.Buy, "100", "1", 0m, T0), 0);
        ledger.OnFill(Fill(2, 0, FlashTrader.Core.Market.Side.Sell, "101", "1", 0m, T0 + Second), -1);

        PerformanceMetrics m = PerformanceCalculator.Compute(equity, ledger, T0, T0 + Second);

        m.ProfitFactor.Should().BeNull();
        m.WinRatePercent.Should().Be(100);
        m.Sharpe.Should().Be(0);
    }

    [Fact]
    public void Sampling_interval_sets_the_annualisation()
    {
        var equity = new EquityStatistics();
        foreach ((long t, decimal e) in Equity)
        {
            equity.Add(t, e);
        }

        PerformanceMetrics hourly = PerformanceCalculator.Compute(equity, new RoundTripLedger(1), T0, T0 + (3 * Minute), 3_600 * Second);

        hourly.PeriodsPerYear.Should().Be(8_760);
        hourly.Sharpe.Should().BeApproximately(Math.Sqrt(8_760 / 3.0), 1e-9);
    }
}
