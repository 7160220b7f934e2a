namespace FlashTrader.Core.Strategies.Expressions;

/// <summary>
/// Recursive-descent parser. Precedence, loosest first: <c>||</c>, <c>&amp;&amp;</c>, <c>== !=</c>,
/// <c>&lt; &lt;= &gt; &gt;=</c>, <c>+ -</c>, <c>* /</c>, unary <c>! -</c>, then numbers, names, calls and
/// parentheses. Binary operators associate to the left; comparisons do not chain (<c>a &lt; b &lt; c</c> is an error,
/// because it never means what it looks like).
/// </summary>
public sealed class ExpressionParser
{
    private readonly IReadOnlyList<ExpressionToken> _tokens;
    private int _next;

    private ExpressionParser(IReadOnlyList<ExpressionToken> tokens) => _tokens = tokens;

    public static ExpressionNode Parse(string text)
    {
        var parser = new ExpressionParser(ExpressionTokenizer.Tokenize(text));
        if (parser.Peek.Kind == TokenKind.End)
        {
            throw new ExpressionException("the expression is empty", 0);
        }

        ExpressionNode root = parser.Or();
        ExpressionToken rest = parser.Peek;
        if (rest.Kind != TokenKind.End)
        {
            string hint = rest.Kind == TokenKind.RightParen ? " (no '(' matches it)" : " (expected an operator)";
            throw new ExpressionException($"unexpected {rest.Describe()}{hint}", rest.Position, rest.Length);
        }

        return root;
    }

    private ExpressionToken Peek => _tokens[_next];

    private ExpressionToken Take() => _tokens[_next++];

    private ExpressionNode Or()
    {
        ExpressionNode left = And();
        while (Peek.Kind == TokenKind.Or)
        {
            ExpressionToken op = Take();
            left = new BinaryNode(op.Position, op.Kind, left, And());
        }

        return left;
    }

    private ExpressionNode And()
    {
        ExpressionNode left = Equality();
        while (Peek.Kind == TokenKind.And)
        {
            ExpressionToken op = Take();
            left = new BinaryNode(op.Position, op.Kind, left, Equality());
        }

        return left;
    }

    private ExpressionNode Equality()
    {
        ExpressionNode left = Comparison();
        while (Peek.Kind is TokenKind.Equal or TokenKind.NotEqual)
        {
            ExpressionToken op = Take();
            left = new BinaryNode(op.Position, op.Kind, left, Comparison());
        }

        return left;
    }

    private ExpressionNode Comparison()
    {
        ExpressionNode left = Additive();
        if (IsComparison(Peek.Kind))
        {
            ExpressionToken op = Take();
            left = new BinaryNode(op.Position, op.Kind, left, Additive());
            if (IsComparison(Peek.Kind))
            {
                ExpressionToken again = Peek;
                throw new ExpressionException($"comparisons do not chain: combine them with '&&' before {again.Describe()}", again.Position, again.Length);
            }
        }

        return left;
    }

    private ExpressionNode Additive()
    {
        ExpressionNode left = Multiplicative();
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            ExpressionToken op = Take();
            left = new BinaryNode(op.Position, op.Kind, left, Multiplicative());
        }

        return left;
    }

    private ExpressionNode Multiplicative()
    {
        ExpressionNode left = Unary();
        while (Peek.Kind is TokenKind.Star or TokenKind.Slash)
        {
            ExpressionToken op = Take();
            left = new BinaryNode(op.Position, op.Kind, left, Unary());
        }

        return left;
    }

    private ExpressionNode Unary()
    {
        if (Peek.Kind is TokenKind.Not or TokenKind.Minus)
        {
            ExpressionToken op = Take();
            return new UnaryNode(op.Position, op.Kind, Unary());
        }

        if (Peek.Kind == TokenKind.Plus)
        {
            Take();
            return Unary();
        }

        return Primary();
    }

    private ExpressionNode Primary()
    {
        ExpressionToken token = Take();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new NumberNode(token.Position, token.Number);
            case TokenKind.Identifier when Peek.Kind == TokenKind.LeftParen:
                return Call(token);
            case TokenKind.Identifier:
                return new IdentifierNode(token.Position, token.Text);
            case TokenKind.LeftParen:
                ExpressionNode inner = Or();
                Expect(TokenKind.RightParen, $"')' to close the '(' at column {token.Position + 1}");
                return inner;
            default:
                throw new ExpressionException($"expected a number, a name or '(', found {token.Describe()}", token.Position, token.Length);
        }
    }

    private CallNode Call(ExpressionToken name)
    {
        ExpressionToken open = Take();
        var arguments = new List<ExpressionNode>();
        if (Peek.Kind != TokenKind.RightParen)
        {
            arguments.Add(Or());
            while (Peek.Kind == TokenKind.Comma)
            {
                Take();
                arguments.Add(Or());
            }
        }

        Expect(TokenKind.RightParen, $"',' or ')' to close the call of '{name.Text}' opened at column {open.Position + 1}");
        return new CallNode(name.Position, name.Text, arguments);
    }

    private void Expect(TokenKind kind, string what)
    {
        ExpressionToken token = Peek;
        if (token.Kind != kind)
        {
            throw new ExpressionException($"expected {what}, found {token.Describe()}", token.Position, token.Length);
        }

        Take();
    }

    private static bool IsComparison(TokenKind kind) =>
        kind is TokenKind.Less or TokenKind.LessOrEqual or TokenKind.Greater or TokenKind.GreaterOrEqual;
}
