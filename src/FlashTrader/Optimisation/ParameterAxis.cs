using System.Globalization;

namespace FlashTrader.Optimisation;

/// <summary>
/// One configuration key to vary: either a list of values (written as given, e.g. "0.2", "GTC") or, for random search
/// only, a continuous range [<see cref="Min"/>, <see cref="Max"/>].
/// </summary>
public sealed record ParameterAxis(string Key, IReadOnlyList<string> Values, double Min, double Max)
{
    public bool IsContinuous => Values.Count == 0;

    /// <summary>A value's position on the axis for neighbourhood: the number itself, or its list index for text values.</summary>
    public double Coordinate(string value)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
        {
            return v;
        }

        int index = IndexOf(value);
        return index < 0 ? double.NaN : index;
    }

    public int IndexOf(string value)
    {
        for (int i = 0; i < Values.Count; i++)
        {
            if (Values[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
