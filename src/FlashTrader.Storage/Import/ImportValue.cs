using System.Buffers.Text;
using System.Globalization;
using System.Text;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Time;

namespace FlashTrader.Storage.Import;

/// <summary>Exact parsing of the numbers and times importers read, straight from UTF-8; failures are <see cref="BadLineException"/>s naming the field.</summary>
internal static class ImportValue
{
    public static Fixed8 Decimal(ReadOnlySpan<byte> utf8, string field) =>
        Fixed8.TryParse(utf8, out Fixed8 value) || TryParseScientific(utf8, out value)
            ? value
            : throw new BadLineException($"{field} '{Text(utf8)}' is not a decimal with at most {Fixed8.Decimals} places");

    /// <summary>
    /// Exact scientific notation such as "5.4e-05" (pandas writes small volumes so): the mantissa's digits are scaled
    /// by the exponent in integers, and a value needing more than eight decimals is rejected, never rounded.
    /// </summary>
    public static bool TryParseScientific(ReadOnlySpan<byte> utf8, out Fixed8 value)
    {
        value = default;
        int e = utf8.IndexOfAny((byte)'e', (byte)'E');
        if (e <= 0 || !Utf8Parser.TryParse(utf8[(e + 1)..], out int exponent, out int used) || used != utf8.Length - e - 1
            || exponent is < -40 or > 40)
        {
            return false;
        }

        ReadOnlySpan<byte> mantissa = utf8[..e];
        bool negative = mantissa[0] == (byte)'-';
        if (negative || mantissa[0] == (byte)'+')
        {
            mantissa = mantissa[1..];
        }

        UInt128 digits = 0;
        int count = 0;
        int fraction = -1;
        foreach (byte b in mantissa)
        {
            if (b == (byte)'.' && fraction < 0)
            {
                fraction = 0;
                continue;
            }

            uint d = (uint)(b - '0');
            if (d > 9 || ++count > 30)
            {
                return false;
            }

            digits = (digits * 10) + d;
            if (fraction >= 0)
            {
                fraction++;
            }
        }

        if (count == 0)
        {
            return false;
        }

        // value = digits * 10^(exponent - fraction); raw = value * 10^8.
        int shift = exponent - Math.Max(fraction, 0) + Fixed8.Decimals;
        for (; shift > 0; shift--)
        {
            digits *= 10;
            if (digits > long.MaxValue)
            {
                return false;
            }
        }

        for (; shift < 0; shift++)
        {
            if (digits % 10 != 0)
            {
                return false; // a digit beyond the eighth decimal would be lost
            }

            digits /= 10;
        }

        if (digits > long.MaxValue)
        {
            return false;
        }

        value = Fixed8.FromRaw(negative ? -(long)digits : (long)digits);
        return true;
    }

    public static long Integer(ReadOnlySpan<byte> utf8, string field) =>
        Utf8Parser.TryParse(utf8, out long value, out int used) && used == utf8.Length && utf8.Length > 0
            ? value
            : throw new BadLineException($"{field} '{Text(utf8)}' is not an integer");

    /// <summary>An epoch timestamp in s, ms, µs or ns (unit detected by magnitude), or fractional seconds, as Unix ns.</summary>
    public static long EpochNs(ReadOnlySpan<byte> utf8, string field)
    {
        if (utf8.IndexOf((byte)'.') >= 0)
        {
            if (!Utf8Parser.TryParse(utf8, out decimal seconds, out int used) || used != utf8.Length)
            {
                throw new BadLineException($"{field} '{Text(utf8)}' is not an epoch timestamp");
            }

            return EpochNsFromSeconds(seconds, utf8, field);
        }

        return EpochNs(Integer(utf8, field), field);
    }

    public static long EpochNs(long value, string field)
    {
        try
        {
            return EpochTimestamp.ToUnixNanoseconds(value);
        }
        catch (Exception ex) when (ex is ArgumentOutOfRangeException or OverflowException)
        {
            throw new BadLineException($"{field} {value} is not an epoch timestamp in s, ms, us or ns");
        }
    }

    /// <summary>An epoch number or an ISO-8601 date-time such as "2023-03-01 00:00:00+00:00" (no offset means UTC).</summary>
    public static long EpochOrIsoNs(ReadOnlySpan<byte> utf8, string field)
    {
        if (utf8.Length > 0 && (utf8.IndexOf((byte)'-') > 0 || utf8.IndexOf((byte)':') > 0))
        {
            if (DateTimeOffset.TryParse(Encoding.UTF8.GetString(utf8), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
            {
                return EpochTimestamp.FromDateTimeOffset(time);
            }

            throw new BadLineException($"{field} '{Text(utf8)}' is not an ISO-8601 time or an epoch timestamp");
        }

        return EpochNs(utf8, field);
    }

    private static long EpochNsFromSeconds(decimal seconds, ReadOnlySpan<byte> utf8, string field)
    {
        if (seconds is < 100_000_000m or > 10_000_000_000m)
        {
            throw new BadLineException($"{field} '{Text(utf8)}' is not an epoch time in fractional seconds");
        }

        return EpochTimestamp.SecondsWithFractionToUnixNanoseconds(seconds);
    }

    /// <summary>The value for a message, shortened so a huge garbage field does not flood the log.</summary>
    public static string Text(ReadOnlySpan<byte> utf8) =>
        utf8.Length <= 64 ? Encoding.UTF8.GetString(utf8) : Encoding.UTF8.GetString(utf8[..64]) + "...";
}
