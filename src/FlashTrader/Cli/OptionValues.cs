using System.CommandLine.Parsing;
using System.Globalization;

namespace FlashTrader.Cli;

internal static class OptionValues
{
    /// <summary>A whole number of 0 or more; anything else is a parse error naming the option.</summary>
    public static int NonNegative(ArgumentResult result, string option, string unit)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            return value;
        }

        result.AddError($"{option}: '{token}' is not a whole number of {unit} (0 or more)");
        return 0;
    }
}
