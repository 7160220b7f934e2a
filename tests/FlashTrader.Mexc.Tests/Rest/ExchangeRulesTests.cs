using System.Text.Json;
using FlashTrader.Core.Configuration;
using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.Rest.Models;
using FlashTrader.Mexc.Tests.TestData;

namespace FlashTrader.Mexc.Tests.Rest;

/// <summary>exchangeInfo (the documented fields, MEXC's spellings) mapped onto the pipeline's pair configuration.</summary>
public class ExchangeRulesTests
{
    private static readonly ExchangeInfo Info = JsonSerializer.Deserialize(MexcRestBodies.ExchangeInfo, Mexc.Rest.Json.MexcJsonContext.Default.ExchangeInfo)!;

    private static List<TradingPairOptions> ConfiguredPairs() =>
    [
        new() { Symbol = "BTCUSDC", BaseAsset = "BTC", QuoteAsset = "USDC", MinOrderSize = 0.001m, MinNotional = 1m, PricePrecision = 2, QuantityPrecision = 6, MaxPosition = 0.1m, Description = "Bitcoin", SourceSymbols = ["BTCUSDT"] },
        new() { Symbol = "ETHUSDC", BaseAsset = "ETH", QuoteAsset = "USDC", MinOrderSize = 0.01m, MinNotional = 1m, PricePrecision = 2, QuantityPrecision = 5, MaxPosition = 1m },
    ];

    [Fact]
    public void Status_1_and_the_older_ENABLED_are_online_2_and_3_are_not()
    {
        new[] { "1", "ENABLED", "2", "3", "", "enabled" }.Select(ExchangeRules.IsOnline).Should().Equal(true, true, false, false, false, false);
    }

    [Fact]
    public void A_minimum_quantity_of_0_becomes_one_quantity_step()
    {
        SymbolRules btc = ExchangeRules.Read(Info["BTCUSDC"]!);

        btc.Should().BeEquivalentTo(new
        {
            Symbol = "BTCUSDC",
            Status = "1",
            IsTradable = true,
            BaseAsset = "BTC",
            QuoteAsset = "USDC",
            PricePrecision = 2,
            QuantityPrecision = 6,
            MinQuantity = 0.000001m,
            MinNotional = 1m,
            MakerFee = 0m,
            TakerFee = 0m,
        });
        btc.OrderTypes.Should().Equal(SpotOrderType.Limit, SpotOrderType.Market, SpotOrderType.LimitMaker);
    }

    [Fact]
    public void Minimum_quantity_notional_and_commissions_are_read_exactly()
    {
        SymbolRules eth = ExchangeRules.Read(Info["ETHUSDC"]!);

        (eth.IsTradable, eth.QuantityPrecision, eth.MinQuantity, eth.MinNotional, eth.MakerFee, eth.TakerFee)
            .Should().Be((true, 5, 0.0001m, 5m, 0m, 0.0002m));
    }

    [Fact]
    public void A_paused_symbol_is_not_tradable_and_unknown_order_types_are_left_out()
    {
        SymbolRules btcUsdt = ExchangeRules.Read(Info["BTCUSDT"]!);

        btcUsdt.IsTradable.Should().BeFalse();
        btcUsdt.OrderTypes.Should().Equal(SpotOrderType.Limit, SpotOrderType.Market, SpotOrderType.LimitMaker);
    }

    [Fact]
    public void The_exchange_rules_replace_the_configured_ones_and_the_rest_of_the_pair_is_kept()
    {
        List<TradingPairOptions> configured = ConfiguredPairs();

        (List<TradingPairOptions> pairs, List<ConfigurationError> errors) = ExchangeRules.Apply(configured, Info);

        errors.Should().BeEmpty();
        pairs[0].Should().BeEquivalentTo(new TradingPairOptions
        {
            Symbol = "BTCUSDC",
            BaseAsset = "BTC",
            QuoteAsset = "USDC",
            MinOrderSize = 0.000001m,
            MinNotional = 1m,
            PricePrecision = 2,
            QuantityPrecision = 6,
            MaxPosition = 0.1m,
            MakerFee = 0m,
            TakerFee = 0m,
            Enabled = true,
            Description = "Bitcoin",
            SourceSymbols = ["BTCUSDT"],
        });
        pairs[1].Should().BeEquivalentTo(new { MinOrderSize = 0.0001m, MinNotional = 5m, QuantityPrecision = 5, TakerFee = 0.0002m, MaxPosition = 1m });
        configured[0].MinOrderSize.Should().Be(0.001m, "the configuration itself is not modified");
    }

    [Fact]
    public void Configured_overrides_win_over_the_exchange()
    {
        var overrides = new Dictionary<string, SymbolRuleOverrides>
        {
            ["ETHUSDC"] = new() { MinOrderSize = 0.01m, TakerFee = 0.001m },
        };

        (List<TradingPairOptions> pairs, _) = ExchangeRules.Apply(ConfiguredPairs(), Info, overrides);

        (pairs[1].MinOrderSize, pairs[1].TakerFee, pairs[1].MinNotional, pairs[1].MakerFee).Should().Be((0.01m, 0.001m, 5m, 0m));
        pairs[0].MinOrderSize.Should().Be(0.000001m, "BTCUSDC has no override");
    }

    [Fact]
    public void The_mapped_pairs_pass_the_configuration_rules()
    {
        var options = new FlashTraderOptions();
        options.TradingPairs.AddRange(ConfiguredPairs());
        options.PaperTrading.InitialBalance["USDC"] = 10_000m;
        (options.TradingPairs, _) = ExchangeRules.Apply(options.TradingPairs, Info);

        ConfigurationRules.Validate(options).Should().BeEmpty();
    }

    [Fact]
    public void An_unlisted_or_paused_pair_or_one_with_other_assets_is_an_error_naming_its_key()
    {
        List<TradingPairOptions> configured =
        [
            new() { Symbol = "SOLUSDC", BaseAsset = "SOL", QuoteAsset = "USDC", MinOrderSize = 0.1m, MaxPosition = 1m },
            new() { Symbol = "BTCUSDT", BaseAsset = "BTC", QuoteAsset = "USDT", MinOrderSize = 0.001m, MaxPosition = 1m },
            new() { Symbol = "ETHUSDC", BaseAsset = "WETH", QuoteAsset = "USDC", MinOrderSize = 0.01m, MaxPosition = 1m },
            new() { Symbol = "XRPUSDC", BaseAsset = "XRP", QuoteAsset = "USDC", MinOrderSize = 1m, MaxPosition = 1m, Enabled = false },
        ];

        (List<TradingPairOptions> pairs, List<ConfigurationError> errors) = ExchangeRules.Apply(configured, Info);

        errors.Select(e => e.ToString()).Should().Equal(
            "TradingPairs:0:Symbol: SOLUSDC is not listed in MEXC exchangeInfo",
            "TradingPairs:1:Symbol: BTCUSDT is not online on MEXC (status \"2\")",
            "TradingPairs:2:BaseAsset: MEXC lists ETHUSDC as ETH/USDC, configured as WETH/USDC");
        pairs[3].Should().BeSameAs(configured[3], "a disabled pair passes through untouched");
    }
}
