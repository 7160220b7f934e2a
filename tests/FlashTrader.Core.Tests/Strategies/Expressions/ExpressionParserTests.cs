using FlashTrader.Core.Strategies.Expressions;

namespace FlashTrader.Core.Tests.Strategies.Expressions;

public sealed class ExpressionParserTests
{
    [Theory]
    [InlineData("a + b * c", "(a + (b * c))")]
    [InlineData("a * b + c", "((a * b) + c)")]
    [InlineData("a - b - c", "((a - b) - c)")]
    [InlineData("a / b / c", "((a / b) / c)")]
    [InlineData("(a + b) * c", "((a + b) * c)")]
    [InlineData("-a * b", "((-a) * b)")]
    [InlineData("- -a", "(-(-a))")]
    [InlineData("!a && b", "((!a) && b)")]
    [InlineData("a || b && c", "(a || (b && c))")]
    [InlineData("a && b || c && d", "((a && b) || (c && d))")]
    [InlineData("a + 1 < b * 2", "((a + 1) < (b * 2))")]
    [InlineData("a < b == c > d", "((a < b) == (c > d))")]
    [InlineData("a != b && c >= d", "((a != b) && (c >= d))")]
    [InlineData("rsi14 < 30 && imbalance > 0.2 && ema5 > ema20", "(((rsi14 < 30) && (imbalance > 0.2)) && (ema5 > ema20))")]
    [InlineData("cross_above(ema5, ema20) || macd.hist > 0", "(cross_above(ema5, ema20) || (macd.hist > 0))")]
    [InlineData("max(a, b + 1) * abs(-c)", "(max(a, (b + 1)) * abs((-c)))")]
    [InlineData("+a", "a")]
    [InlineData("1e-3 + .5 + 2.", "((0.001 + 0.5) + 2)")]
    public void Precedence_and_associativity(string text, string parenthesized) =>
        ExpressionParser.Parse(text).ToString().Should().Be(parenthesized);

    [Theory]
    [InlineData("", 0, "the expression is empty")]
    [InlineData("   ", 0, "the expression is empty")]
    [InlineData("a +", 3, "expected a number, a name or '(', found the end of the expression")]
    [InlineData("(a + b", 6, "expected ')' to close the '(' at column 1, found the end of the expression")]
    [InlineData("a + b)", 5, "unexpected ')' (no '(' matches it)")]
    [InlineData("a b", 2, "unexpected 'b' (expected an operator)")]
    [InlineData("a # b", 2, "unexpected character '#'")]
    [InlineData("a & b", 2, "expected '&&' (logical and); a single '&' is not an operator")]
    [InlineData("a | b", 2, "expected '||' (logical or); a single '|' is not an operator")]
    [InlineData("a = b", 2, "expected '==' (equality); '=' alone is not an operator")]
    [InlineData("a < b < c", 6, "comparisons do not chain: combine them with '&&' before '<'")]
    [InlineData("max(a, b", 8, "expected ',' or ')' to close the call of 'max' opened at column 4, found the end of the expression")]
    [InlineData("max(a,, b)", 6, "expected a number, a name or '(', found ','")]
    [InlineData("12abc > 1", 0, "'12abc' is not a valid number")]
    [InlineData("1.2.3", 0, "'1.2.3' is not a valid number")]
    public void Syntax_errors_name_the_problem_and_its_position(string text, int position, string problem)
    {
        Action parse = () => ExpressionParser.Parse(text);

        ExpressionException error = parse.Should().Throw<ExpressionException>().Which;
        error.Position.Should().Be(position);
        error.Problem.Should().Be(problem);
        error.Message.Should().Be($"column {position + 1}: {problem}");
    }

    [Fact]
    public void Tokens_carry_their_offsets()
    {
        IReadOnlyList<ExpressionToken> tokens = ExpressionTokenizer.Tokenize("ema5>=macd.signal");

        tokens.Select(t => (t.Kind, t.Position, t.Text)).Should().Equal(
            (TokenKind.Identifier, 0, "ema5"),
            (TokenKind.GreaterOrEqual, 4, ">="),
            (TokenKind.Identifier, 6, "macd.signal"),
            (TokenKind.End, 17, ""));
    }
}
