namespace FlashTrader.Core.Backtesting;

/// <summary>The standard normal distribution's CDF and quantile, for the deflated Sharpe ratio.</summary>
public static class NormalDistribution
{
    /// <summary>P(Z &lt;= x). Via erfc's Chebyshev fit (Numerical Recipes' erfcc): absolute error below 1.2e-7.</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    /// <summary>The x with P(Z &lt;= x) = p, for 0 &lt; p &lt; 1. Acklam's rational approximation, then one Halley step.</summary>
    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "a probability strictly between 0 and 1 is required");
        }

        const double low = 0.02425;
        double x;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
        }
        else if (p <= 1 - low)
        {
            double q = p - 0.5;
            double r = q * q;
            x = (((((A1 * r + A2) * r + A3) * r + A4) * r + A5) * r + A6) * q / (((((B1 * r + B2) * r + B3) * r + B4) * r + B5) * r + 1);
        }
        else
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((C1 * q + C2) * q + C3) * q + C4) * q + C5) * q + C6) / ((((D1 * q + D2) * q + D3) * q + D4) * q + 1);
        }

        double e = Cdf(x) - p;
        double u = e * Math.Sqrt(2 * Math.PI) * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }

    private static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + (0.5 * z));
        double ans = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
            t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }

    private const double A1 = -3.969683028665376e+01;
    private const double A2 = 2.209460984245205e+02;
    private const double A3 = -2.759285104469687e+02;
    private const double A4 = 1.383577518672690e+02;
    private const double A5 = -3.066479806614716e+01;
    private const double A6 = 2.506628277459239e+00;
    private const double B1 = -5.447609879822406e+01;
    private const double B2 = 1.615858368580409e+02;
    private const double B3 = -1.556989798598866e+02;
    private const double B4 = 6.680131188771972e+01;
    private const double B5 = -1.328068155288572e+01;
    private const double C1 = -7.784894002430293e-03;
    private const double C2 = -3.223964580411365e-01;
    private const double C3 = -2.400758277161838e+00;
    private const double C4 = -2.549732539343734e+00;
    private const double C5 = 4.374664141464968e+00;
    private const double C6 = 2.938163982698783e+00;
    private const double D1 = 7.784695709041462e-03;
    private const double D2 = 3.224671290700398e-01;
    private const double D3 = 2.445134137142996e+00;
    private const double D4 = 3.754408661907416e+00;
}
