using System.Text;

namespace FlashTrader.Mexc.Signing;

/// <summary>
/// Builds a request query string as MEXC signs it: parameters in the order added, joined by '&amp;', values
/// percent-escaped with UPPER-case hex (a comma becomes %2C) and unreserved characters (A-Z a-z 0-9 - _ . ~) kept.
/// </summary>
public sealed class MexcQueryString
{
    private readonly StringBuilder _text = new(128);

    public MexcQueryString Add(string name, ReadOnlySpan<char> value)
    {
        if (_text.Length > 0)
        {
            _text.Append('&');
        }

        AppendEscaped(_text, name);
        _text.Append('=');
        AppendEscaped(_text, value);
        return this;
    }

    public MexcQueryString Add(string name, long value)
    {
        Span<char> digits = stackalloc char[20];
        value.TryFormat(digits, out int n, provider: System.Globalization.CultureInfo.InvariantCulture);
        return Add(name, digits[..n]);
    }

    public int Length => _text.Length;

    public void Clear() => _text.Clear();

    public override string ToString() => _text.ToString();

    /// <summary>Appends <paramref name="value"/> percent-escaped (UTF-8, upper-case hex).</summary>
    public static void AppendEscaped(StringBuilder destination, ReadOnlySpan<char> value)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (IsUnreserved(c))
            {
                destination.Append(c);
                continue;
            }

            int length;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                length = Encoding.UTF8.GetBytes(value.Slice(i, 2), utf8);
                i++;
            }
            else
            {
                length = Encoding.UTF8.GetBytes(value.Slice(i, 1), utf8);
            }

            for (int k = 0; k < length; k++)
            {
                destination.Append('%').Append(UpperHex[utf8[k] >> 4]).Append(UpperHex[utf8[k] & 0xF]);
            }
        }
    }

    private static ReadOnlySpan<char> UpperHex => "0123456789ABCDEF";

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';
}
