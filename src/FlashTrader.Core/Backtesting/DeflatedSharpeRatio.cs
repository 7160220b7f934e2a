namespace FlashTrader.Core.Backtesting;

/// <summary>
/// The deflated Sharpe ratio (Bailey and López de Prado, 2014): the probability that the true Sharpe ratio of the
/// selected strategy exceeds the best one expected from <c>trials</c> unskilled attempts, given the track record's
/// length and its returns' skewness and kurtosis. All Sharpe ratios are per period (not annualised), as the paper's
/// formulas require.
/// </summary>
public static class DeflatedSharpeRatio
{
    private const double EulerMascheroni = 0.5772156649015329;

    /// <summary>
    /// The Sharpe ratio the best of <paramref name="trials"/> independent attempts reaches by luck alone, when the
    /// trials' Sharpe ratios vary with <paramref name="sharpeVariance"/> around zero.
    /// </summary>
    public static double ExpectedMaximumSharpe(long trials, double sharpeVariance)
    {
        if (trials < 2 || sharpeVariance <= 0)
        {
            return 0;
        }

        double n = trials;
        return Math.Sqrt(sharpeVariance) * (((1 - EulerMascheroni) * NormalDistribution.Quantile(1 - (1 / n)))
            + (EulerMascheroni * NormalDistribution.Quantile(1 - (1 / (n * Math.E)))));
    }

    /// <summary>The probabilistic Sharpe ratio: P(true Sharpe &gt; <paramref name="benchmarkSharpe"/>).</summary>
    /// <param name="sharpe">Observed per-period Sharpe ratio.</param>
    /// <param name="observations">Number of returns it was measured on.</param>
    /// <param name="skewness">Skewness of those returns.</param>
    /// <param name="kurtosis">Kurtosis of those returns (not excess: 3 for normal returns).</param>
    public static double Probabilistic(double sharpe, double benchmarkSharpe, long observations, double skewness, double kurtosis)
    {
        if (observations < 2)
        {
            return double.NaN;
        }

        double variance = 1 - (skewness * sharpe) + ((kurtosis - 1) / 4 * sharpe * sharpe);
        if (variance <= 0)
        {
            return double.NaN;
        }

        return NormalDistribution.Cdf((sharpe - benchmarkSharpe) * Math.Sqrt(observations - 1) / Math.Sqrt(variance));
    }

    /// <summary>DSR: the probabilistic Sharpe ratio against the expected maximum of <paramref name="trials"/> lucky trials.</summary>
    public static double Compute(double sharpe, long observations, double skewness, double kurtosis, long trials, double sharpeVariance) =>
        Probabilistic(sharpe, ExpectedMaximumSharpe(trials, sharpeVariance), observations, skewness, kurtosis);
}
