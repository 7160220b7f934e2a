using System.Globalization;
using FlashTrader.Core.Indicators;
using FlashTrader.Core.Time;

namespace FlashTrader.Storage.Csv;

/// <summary>
/// Computes an <see cref="IndicatorSpec"/> over an OHLCV CSV, streaming row by row.
/// Input: a header naming time (or open_time / timestamp), open, high, low, close and volume in any order (other
/// columns are ignored); time as ISO-8601 or an epoch number in s, ms, µs or ns (detected by magnitude), strictly
/// increasing. Output: <c>time</c> exactly as written in the input, then one column per indicator output
/// (names from the spec, quoted when they contain commas), empty during warm-up, numbers in invariant culture
/// with shortest round-trip precision.
/// </summary>
public static class IndicatorCsvTool
{
    private static readonly string[] TimeNames = ["time", "open_time", "timestamp"];
    private static readonly string[] ValueNames = ["open", "high", "low", "close", "volume"];

    /// <summary>Runs the tool; returns the number of data rows written.</summary>
    public static long Run(string inputPath, string spec, string outputPath)
    {
        IndicatorSpec parsed = IndicatorSpec.Parse(spec);
        IBarIndicator[] indicators = parsed.Items.Select(i => i.CreateIndicator()).ToArray();

        using var reader = new StreamReader(inputPath);
        string? header = reader.ReadLine() ?? throw new CsvFormatException(inputPath, 1, null, "the file is empty: expected a header line");
        string[] names = header.Split(',').Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToArray();
        int timeColumn = Array.FindIndex(names, n => TimeNames.Contains(n));
        if (timeColumn < 0)
        {
            throw new CsvFormatException(inputPath, 1, null, $"no time column: expected one of {string.Join(", ", TimeNames)} in header '{header}'");
        }

        var valueColumns = new int[ValueNames.Length];
        for (int k = 0; k < ValueNames.Length; k++)
        {
            valueColumns[k] = Array.IndexOf(names, ValueNames[k]);
            if (valueColumns[k] < 0)
            {
                throw new CsvFormatException(inputPath, 1, null, $"no '{ValueNames[k]}' column in header '{header}'");
            }
        }

        using var writer = new StreamWriter(outputPath) { NewLine = "\n" };
        writer.Write("time");
        foreach (string name in parsed.OutputNames)
        {
            writer.Write(',');
            writer.Write(Quote(name));
        }

        writer.WriteLine();

        Span<char> number = stackalloc char[32];
        var values = new double[ValueNames.Length];
        long lineNumber = 1;
        long rows = 0;
        long previousTime = long.MinValue;
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length != names.Length)
            {
                throw new CsvFormatException(inputPath, lineNumber, null, $"has {fields.Length} fields, the header has {names.Length}");
            }

            string timeText = fields[timeColumn].Trim();
            long timeNs = ParseTime(timeText, inputPath, lineNumber, names[timeColumn]);
            if (timeNs <= previousTime)
            {
                throw new CsvFormatException(inputPath, lineNumber, names[timeColumn], $"time '{timeText}' is not after the previous row's: rows must be in increasing time order");
            }

            previousTime = timeNs;
            for (int k = 0; k < values.Length; k++)
            {
                string cell = fields[valueColumns[k]].Trim();
                if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !double.IsFinite(values[k]))
                {
                    throw new CsvFormatException(inputPath, lineNumber, ValueNames[k], $"'{cell}' is not a number");
                }
            }

            var bar = new Bar(timeNs, values[0], values[1], values[2], values[3], values[4]);
            writer.Write(timeText);
            foreach (IBarIndicator indicator in indicators)
            {
                indicator.Update(bar);
                for (int o = 0; o < indicator.OutputCount; o++)
                {
                    writer.Write(',');
                    double v = indicator.GetOutput(o);
                    if (!double.IsNaN(v) && v.TryFormat(number, out int written, "R", CultureInfo.InvariantCulture))
                    {
                        writer.Write(number[..written]);
                    }
                }
            }

            writer.WriteLine();
            rows++;
        }

        return rows;
    }

    private static long ParseTime(string text, string path, long line, string column)
    {
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] == '-') && text.All(c => char.IsAsciiDigit(c) || c == '.' || c == '-'))
        {
            try
            {
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long epoch))
                {
                    return EpochTimestamp.ToUnixNanoseconds(epoch);
                }

                if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal seconds))
                {
                    return EpochTimestamp.SecondsWithFractionToUnixNanoseconds(seconds);
                }
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new CsvFormatException(path, line, column, $"'{text}' is not a plausible epoch timestamp: {e.Message}");
            }
            catch (OverflowException)
            {
                throw new CsvFormatException(path, line, column, $"'{text}' is out of range for an epoch timestamp");
            }
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return EpochTimestamp.FromDateTimeOffset(time);
        }

        throw new CsvFormatException(path, line, column, $"'{text}' is neither ISO-8601 nor an epoch timestamp");
    }

    private static string Quote(string name) =>
        name.Contains(',', StringComparison.Ordinal) || name.Contains('"', StringComparison.Ordinal)
            ? "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : name;
}
