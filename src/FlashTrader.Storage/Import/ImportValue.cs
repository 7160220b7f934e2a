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
        Fixed8.TryParse(utf8, out Fixed8 value)
            ? value
            : throw new BadLineException($"{field} '{Text(utf8)}' is not a decimal with at most {Fixed8.Decimals} places");

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
