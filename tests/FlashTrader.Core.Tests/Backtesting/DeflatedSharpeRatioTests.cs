using FlashTrader.Core.Backtesting;

namespace FlashTrader.Core.Tests.Backtesting;

public sealed class DeflatedSharpeRatioTests
{
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(3.0, 0.9986501019683699)]
    public void Normal_cdf_agrees_with_tabulated_values(double x, double p) =>
        NormalDistribution.Cdf(x).Should().BeApproximately(p, 2e-7);

    [Theory]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.99, 2.3263478740408408)]
    [InlineData(0.01, -2.3263478740408408)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.001, -3.090232306167813)]
    public void Normal_quantile_agrees_with_tabulated_values(double p, double x) =>
        NormalDistribution.Quantile(p).Should().BeApproximately(x, 1e-5);

    [Fact]
    public void A_probability_outside_0_1_is_rejected() =>
        FluentActions.Invoking(() => NormalDistribution.Quantile(1)).Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void The_papers_worked_example_deflates_an_annual_sharpe_of_2_5_over_100_trials_to_0_90()
    {
        // Bailey & Lopez de Prado (2014), section 4: SR 2.5 annualised over 5 years of daily returns (T = 1,250),
        // N = 100 trials whose annualised Sharpe variance is 0.5, skewness -3, kurtosis 10. Per day: SR = 2.5/sqrt(250).
        double sr = 2.5 / Math.Sqrt(250);
        double variance = 0.5 / 250;

        DeflatedSharpeRatio.ExpectedMaximumSharpe(100, variance).Should().BeApproximately(0.1132, 1e-4);
        DeflatedSharpeRatio.Compute(sr, 1_250, -3, 10, 100, variance).Should().BeApproximately(0.9004, 1e-3);
    }

    [Fact]
    public void More_trials_raise_the_bar_and_lower_the_deflated_ratio()
    {
        double sr = 0.1;
        double few = DeflatedSharpeRatio.Compute(sr, 1_000, 0, 3, 10, 0.001);
        double many = DeflatedSharpeRatio.Compute(sr, 1_000, 0, 3, 10_000, 0.001);

        few.Should().BeGreaterThan(many);
        DeflatedSharpeRatio.ExpectedMaximumSharpe(1, 0.001).Should().Be(0);
    }

    [Fact]
    public void With_one_trial_it_is_the_probabilistic_sharpe_ratio_against_zero()
    {
        // Normal returns: variance term 1 + SR^2/2. PSR = Phi(0.1 * sqrt(99) / sqrt(1.005)).
        DeflatedSharpeRatio.Compute(0.1, 100, 0, 3, 1, 0.01).Should().BeApproximately(NormalDistribution.Cdf(0.1 * Math.Sqrt(99) / Math.Sqrt(1.005)), 1e-12);
        DeflatedSharpeRatio.Compute(0.1, 1, 0, 3, 1, 0.01).Should().Be(double.NaN);
    }
}
