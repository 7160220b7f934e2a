using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlashTrader.Dashboard;

/// <summary>JSON as the API writes it: camelCase, exact decimals as numbers, non-finite doubles as named literals rather than a 500.</summary>
public static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
