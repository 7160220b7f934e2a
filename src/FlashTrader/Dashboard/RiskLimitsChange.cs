using System.Text.Json;
using FlashTrader.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace FlashTrader.Dashboard;

/// <summary>
/// A runtime change of the risk limits from a JSON object such as {"MaxDrawdownPercent": 5, "DailyLossLimit": 100}:
/// keys not given keep their current value. It is bound by the configuration binder and checked by
/// <see cref="ConfigurationRules.ValidateRisk"/>, so it is held to exactly the rules of the Risk section of the config,
/// and errors name the full key (Risk:DailyLossLimit).
/// </summary>
public static class RiskLimitsChange
{
    public static bool TryApply(RiskOptions current, JsonElement body, out RiskOptions changed, out IReadOnlyList<ConfigurationError> errors)
    {
        changed = new RiskOptions { MaxDrawdownPercent = current.MaxDrawdownPercent, DailyLossLimit = current.DailyLossLimit };
        var found = new List<ConfigurationError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors = [new ConfigurationError("Risk", "the body must be a JSON object, e.g. {\"DailyLossLimit\": 250}")];
            return false;
        }

        string[] known = [nameof(RiskOptions.MaxDrawdownPercent), nameof(RiskOptions.DailyLossLimit)];
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (JsonProperty property in body.EnumerateObject())
        {
            string? name = known.FirstOrDefault(k => k.Equals(property.Name, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                found.Add(new ConfigurationError($"Risk:{property.Name}", $"is not a risk limit that can change at runtime (known: {string.Join(", ", known)})"));
            }
            else if (property.Value.ValueKind is JsonValueKind.Number or JsonValueKind.String)
            {
                values["Risk:" + name] = property.Value.ValueKind == JsonValueKind.Number ? property.Value.GetRawText() : property.Value.GetString();
            }
            else
            {
                found.Add(new ConfigurationError($"Risk:{name}", "must be a number"));
            }
        }

        // One key at a time, so a value the binder cannot convert is reported under its own key.
        foreach ((string key, string? value) in values)
        {
            try
            {
                new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build().GetSection("Risk").Bind(changed);
            }
            catch (InvalidOperationException ex)
            {
                found.Add(new ConfigurationError(key, ex.Message));
            }
        }

        if (found.Count == 0)
        {
            found.AddRange(ConfigurationRules.ValidateRisk(changed));
        }

        errors = found;
        return found.Count == 0;
    }
}
