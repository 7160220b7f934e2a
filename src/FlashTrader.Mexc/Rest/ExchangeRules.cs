using FlashTrader.Core.Configuration;
using FlashTrader.Mexc.Rest.Models;

namespace FlashTrader.Mexc.Rest;

/// <summary>
/// Maps exchangeInfo onto the pipeline's pair configuration: MEXC's rules (precisions, minimum quantity and notional,
/// maker/taker commission) replace the configured ones unless Mexc:RuleOverrides pins a value, which wins. Pure: no
/// I/O, the configuration is not modified (new pair options are returned).
/// </summary>
public static class ExchangeRules
{
    /// <summary>True for an online symbol: status "1" now, "ENABLED" in responses before August 2024.</summary>
    public static bool IsOnline(string status) => status is "1" or "ENABLED";

    /// <summary>The rules of one exchangeInfo symbol.</summary>
    public static SymbolRules Read(ExchangeSymbol symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        int quantityPrecision = symbol.BaseAssetPrecision;

        // "0" means no minimum beyond one quantity step: the smallest quantity that can be sent.
        decimal minQuantity = symbol.BaseSizePrecision > 0 ? symbol.BaseSizePrecision : Step(quantityPrecision);
        var types = new List<SpotOrderType>(symbol.OrderTypes.Count);
        foreach (string name in symbol.OrderTypes)
        {
            if (TryParseOrderType(name, out SpotOrderType type))
            {
                types.Add(type);
            }
        }

        return new SymbolRules(
            symbol.Symbol,
            symbol.Status,
            IsOnline(symbol.Status) && symbol.IsSpotTradingAllowed,
            symbol.BaseAsset,
            symbol.QuoteAsset,
            symbol.QuoteAssetPrecision > 0 ? symbol.QuoteAssetPrecision : symbol.QuotePrecision,
            quantityPrecision,
            minQuantity,
            symbol.QuoteAmountPrecision,
            symbol.MakerCommission,
            symbol.TakerCommission,
            types);
    }

    /// <summary><paramref name="pair"/> with <paramref name="rules"/> applied and <paramref name="overrides"/> on top.</summary>
    public static TradingPairOptions ApplyTo(TradingPairOptions pair, SymbolRules rules, SymbolRuleOverrides? overrides)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(rules);
        return new TradingPairOptions
        {
            Symbol = pair.Symbol,
            BaseAsset = rules.BaseAsset,
            QuoteAsset = rules.QuoteAsset,
            MinOrderSize = overrides?.MinOrderSize ?? rules.MinQuantity,
            MinNotional = overrides?.MinNotional ?? rules.MinNotional,
            PricePrecision = overrides?.PricePrecision ?? rules.PricePrecision,
            QuantityPrecision = overrides?.QuantityPrecision ?? rules.QuantityPrecision,
            MaxPosition = pair.MaxPosition,
            MakerFee = overrides?.MakerFee ?? rules.MakerFee,
            TakerFee = overrides?.TakerFee ?? rules.TakerFee,
            Enabled = pair.Enabled,
            Description = pair.Description,
            SourceSymbols = [.. pair.SourceSymbols],
        };
    }

    /// <summary>
    /// Every configured pair with MEXC's rules applied (disabled pairs pass through unchanged), and what prevents an
    /// enabled pair from trading: not listed, not online, spot trading not allowed, assets that differ from the
    /// configuration, or a precision beyond the 8 decimals prices and quantities are kept in. Errors name the key.
    /// </summary>
    public static (List<TradingPairOptions> Pairs, List<ConfigurationError> Errors) Apply(
        IReadOnlyList<TradingPairOptions> pairs, ExchangeInfo exchangeInfo, IReadOnlyDictionary<string, SymbolRuleOverrides>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(exchangeInfo);
        var result = new List<TradingPairOptions>(pairs.Count);
        var errors = new List<ConfigurationError>();
        for (int i = 0; i < pairs.Count; i++)
        {
            TradingPairOptions pair = pairs[i];
            string key = $"TradingPairs:{i}";
            ExchangeSymbol? listed = pair.Enabled ? exchangeInfo[pair.Symbol] : null;
            if (listed is null)
            {
                if (pair.Enabled)
                {
                    errors.Add(new($"{key}:Symbol", $"{pair.Symbol} is not listed in MEXC exchangeInfo"));
                }

                result.Add(pair);
                continue;
            }

            SymbolRules rules = Read(listed);
            if (!IsOnline(rules.Status))
            {
                errors.Add(new($"{key}:Symbol", $"{pair.Symbol} is not online on MEXC (status \"{rules.Status}\")"));
            }
            else if (!listed.IsSpotTradingAllowed)
            {
                errors.Add(new($"{key}:Symbol", $"{pair.Symbol} does not allow spot trading on MEXC"));
            }

            if (rules.BaseAsset != pair.BaseAsset || rules.QuoteAsset != pair.QuoteAsset)
            {
                errors.Add(new($"{key}:BaseAsset", $"MEXC lists {pair.Symbol} as {rules.BaseAsset}/{rules.QuoteAsset}, configured as {pair.BaseAsset}/{pair.QuoteAsset}"));
            }

            if (rules.PricePrecision is < 0 or > 8 || rules.QuantityPrecision is < 0 or > 8)
            {
                errors.Add(new($"{key}:Symbol", $"{pair.Symbol} has price/quantity precision {rules.PricePrecision}/{rules.QuantityPrecision}; at most 8 decimals are supported"));
            }

            SymbolRuleOverrides? pinned = null;
            overrides?.TryGetValue(pair.Symbol, out pinned);
            result.Add(ApplyTo(pair, rules, pinned));
        }

        return (result, errors);
    }

    public static bool TryParseOrderType(string name, out SpotOrderType type)
    {
        (bool known, type) = name switch
        {
            "LIMIT" => (true, SpotOrderType.Limit),
            "MARKET" => (true, SpotOrderType.Market),
            "LIMIT_MAKER" => (true, SpotOrderType.LimitMaker),
            "IMMEDIATE_OR_CANCEL" => (true, SpotOrderType.ImmediateOrCancel),
            "FILL_OR_KILL" => (true, SpotOrderType.FillOrKill),
            _ => (false, default),
        };
        return known;
    }

    private static decimal Step(int decimals)
    {
        decimal step = 1m;
        for (int i = 0; i < decimals; i++)
        {
            step /= 10;
        }

        return step;
    }
}
