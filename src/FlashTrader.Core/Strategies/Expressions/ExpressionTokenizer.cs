using System.Globalization;

namespace FlashTrader.Core.Strategies.Expressions;

/// <summary>
/// Splits an expression into tokens: numbers (<c>12</c>, <c>0.5</c>, <c>1e-3</c>), identifiers with dotted outputs
/// (<c>macd.signal</c>), operators <c>+ - * / ! &amp;&amp; || &lt; &lt;= &gt; &gt;= == !=</c>, parentheses and commas.
/// Runs once, when a strategy is loaded.
/// </summary>
public static class ExpressionTokenizer
{
    public static IReadOnlyList<ExpressionToken> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<ExpressionToken>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            int start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i = ScanNumber(text, i);
                string literal = text[start..i];
                if (!double.TryParse(literal, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    throw new ExpressionException($"'{literal}' is not a valid number", start, literal.Length);
                }

                tokens.Add(new ExpressionToken(TokenKind.Number, start, literal, value));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                i = ScanIdentifier(text, i);
                tokens.Add(new ExpressionToken(TokenKind.Identifier, start, text[start..i]));
                continue;
            }

            char next = i + 1 < text.Length ? text[i + 1] : '\0';
            (TokenKind kind, int length) = (c, next) switch
            {
                ('(', _) => (TokenKind.LeftParen, 1),
                (')', _) => (TokenKind.RightParen, 1),
                (',', _) => (TokenKind.Comma, 1),
                ('+', _) => (TokenKind.Plus, 1),
                ('-', _) => (TokenKind.Minus, 1),
                ('*', _) => (TokenKind.Star, 1),
                ('/', _) => (TokenKind.Slash, 1),
                ('&', '&') => (TokenKind.And, 2),
                ('|', '|') => (TokenKind.Or, 2),
                ('<', '=') => (TokenKind.LessOrEqual, 2),
                ('<', _) => (TokenKind.Less, 1),
                ('>', '=') => (TokenKind.GreaterOrEqual, 2),
                ('>', _) => (TokenKind.Greater, 1),
                ('=', '=') => (TokenKind.Equal, 2),
                ('!', '=') => (TokenKind.NotEqual, 2),
                ('!', _) => (TokenKind.Not, 1),
                ('&', _) => throw new ExpressionException("expected '&&' (logical and); a single '&' is not an operator", start),
                ('|', _) => throw new ExpressionException("expected '||' (logical or); a single '|' is not an operator", start),
                ('=', _) => throw new ExpressionException("expected '==' (equality); '=' alone is not an operator", start),
                _ => throw new ExpressionException($"unexpected character '{c}'", start),
            };
            tokens.Add(new ExpressionToken(kind, start, text.Substring(start, length)));
            i += length;
        }

        tokens.Add(new ExpressionToken(TokenKind.End, text.Length, string.Empty));
        return tokens;
    }

    private static int ScanNumber(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            int j = i + 1;
            if (j < text.Length && (text[j] == '+' || text[j] == '-'))
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        // "12abc" is one bad token, not a number followed by a name.
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.'))
        {
            i++;
        }

        return i;
    }

    private static int ScanIdentifier(string text, int i)
    {
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                i++;
            }
            else if (c == '.' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] == '_'))
            {
                i++; // an output of a multi-output indicator: macd.signal
            }
            else
            {
                break;
            }
        }

        return i;
    }
}
