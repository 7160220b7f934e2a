using FlashTrader.Core.Indicators;

namespace FlashTrader.Core.Tests.Indicators;

public class IndicatorSpecTests
{
    private const string Full = "rsi(14),macd(12,26,9),bbands(20,2),atr(14),stoch(14,3,3),cci(20),obv,sma(20),ema(20),mfi(14),adx(14),vwap";

    [Fact]
    public void Parses_the_full_example_into_items_with_column_names_as_written()
    {
        var spec = IndicatorSpec.Parse(Full);
        spec.Items.Select(i => i.Name).Should().Equal("rsi", "macd", "bbands", "atr", "stoch", "cci", "obv", "sma", "ema", "mfi", "adx", "vwap");
        spec.OutputNames.Should().Equal(
            "rsi(14)", "macd(12,26,9).macd", "macd(12,26,9).signal", "macd(12,26,9).hist",
            "bbands(20,2).upper", "bbands(20,2).middle", "bbands(20,2).lower", "atr(14)", "stoch(14,3,3).k", "stoch(14,3,3).d",
            "cci(20)", "obv", "sma(20)", "ema(20)", "mfi(14)", "adx(14)", "vwap");
        spec.Items[1].Position.Should().Be(8);
        spec.Items[1].Parameters.Should().Equal(12, 26, 9);
    }

    [Fact]
    public void Creates_indicators_with_the_parameters_and_TaLib_lookbacks()
    {
        var spec = IndicatorSpec.Parse(Full);
        spec.Items.Select(i => i.CreateIndicator().Lookback).Should().Equal(14, 33, 19, 14, 17, 19, 0, 19, 19, 14, 27, 0);
        spec.Items.Select(i => i.CreateIndicator().OutputCount).Should().Equal(1, 3, 3, 1, 2, 1, 1, 1, 1, 1, 1, 1);
    }

    [Fact]
    public void Tolerates_spaces_and_case_and_keeps_the_text_as_written_for_columns()
    {
        var spec = IndicatorSpec.Parse(" RSI( 7 ) , bbands(10)");
        spec.Items[0].Text.Should().Be("RSI( 7 )");
        spec.Items[0].Position.Should().Be(1);
        spec.Items[1].Parameters.Should().Equal(10, 2);
        spec.OutputNames.Should().Equal("RSI( 7 )", "bbands(10).upper", "bbands(10).middle", "bbands(10).lower");
    }

    [Theory]
    [InlineData("rsi(14),foo(3)", "indicator spec item 2 'foo(3)' at position 8: unknown indicator 'foo'*")]
    [InlineData("macd(12,26)", "indicator spec item 1 'macd(12,26)' at position 0: 'macd' takes 3 parameter(s), got 2")]
    [InlineData("sma(20),obv(3)", "*item 2 'obv(3)' at position 8: 'obv' takes 0 parameter(s), got 1")]
    [InlineData("sma(x)", "*item 1 'sma(x)' at position 0: parameter 1 'x' is not a number")]
    [InlineData("ema(2.5)", "*'ema(2.5)'*parameter 1 '2.5' must be a whole number")]
    [InlineData("rsi(1)", "*item 1 'rsi(1)' at position 0: bad parameter value:*")]
    [InlineData("sma(20", "*'sma(20'*no closing parenthesis*")]
    [InlineData("sma(20),,obv", "*item 2 '' at position 8: is empty")]
    [InlineData("sma(20),sma(20)", "*item 2 'sma(20)' at position 8: appears twice*")]
    [InlineData("bbands(20,2,2)", "*'bbands' takes 1 to 2 parameter(s), got 3")]
    public void Errors_name_the_offending_item_its_position_and_the_problem(string spec, string message)
    {
        FluentActions.Invoking(() => IndicatorSpec.Parse(spec)).Should().Throw<IndicatorSpecException>().WithMessage(message);
    }
}
