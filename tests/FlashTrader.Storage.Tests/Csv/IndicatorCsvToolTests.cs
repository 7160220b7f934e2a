using System.Globalization;
using FlashTrader.Core.Indicators;
using FlashTrader.Storage.Csv;
using FlashTrader.Tests.Shared;

namespace FlashTrader.Storage.Tests.Csv;

public sealed class IndicatorCsvToolTests : IDisposable
{
    private const string Spec = "rsi(14),macd(12,26,9),bbands(20,2),atr(14),stoch(14,3,3),cci(20),obv,sma(20),ema(20),mfi(14),adx(14),vwap";
    private readonly string _dir = Directory.CreateTempSubdirectory("indicator-csv-").FullName;

    private static string BtcUsdc => SharedFolder.File("data", "binanceus-1m-btcusdc-2023-03", "BTCUSDC_1m_20230301_20230321.csv");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static string[] Cells(string line) =>
        System.Text.RegularExpressions.Regex.Split(line, ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");

    [Fact]
    public void Computes_the_full_spec_over_the_real_month_matching_TaLib_values()
    {
        string output = Path.Combine(_dir, "out.csv");
        IndicatorCsvTool.Run(BtcUsdc, Spec, output).Should().Be(30_240);
        string[] lines = File.ReadAllLines(output);
        lines.Should().HaveCount(30_241);
        lines[0].Should().Be("time,rsi(14),\"macd(12,26,9).macd\",\"macd(12,26,9).signal\",\"macd(12,26,9).hist\",\"bbands(20,2).upper\","
            + "\"bbands(20,2).middle\",\"bbands(20,2).lower\",atr(14),\"stoch(14,3,3).k\",\"stoch(14,3,3).d\",cci(20),obv,sma(20),ema(20),mfi(14),adx(14),vwap");
        Cells(lines[1])[0].Should().Be("2023-03-01 00:00:00+00:00", "time is written as in the input");

        // Values TA-Lib gives on this data (tests/FlashTrader.Core.Tests/Indicators/Golden), in shortest round-trip form.
        Cells(lines[14])[1].Should().BeEmpty("rsi(14) warms up over 14 bars");
        Cells(lines[15])[1].Should().Be("55.19344196740955");
        Cells(lines[33])[2].Should().BeEmpty("macd warms up over 33 bars");
        Cells(lines[34])[2..5].Should().Equal("13.779647192644916", "16.14787209779873", "-2.368224905153813");
        Cells(lines[19])[5].Should().BeEmpty();
        Cells(lines[20])[5..8].Should().Equal("23193.33961505269", "23160.868", "23128.396384947308");
        Cells(lines[3000])[9..11].Should().Equal("40.52254134941426", "34.59649768974125");
        Cells(lines[1])[12].Should().Be("0.26395", "obv starts at the first volume");
        Cells(lines[1])[17].Should().Be(((23152.65 + 23140.02 + 23152.65) / 3.0).ToString("R", CultureInfo.InvariantCulture), "vwap of one bar is its typical price");
        Cells(lines[^1]).Should().HaveCount(18).And.NotContain(string.Empty, "every indicator is warm by the end of the month");
    }

    [Fact]
    public void Accepts_columns_in_any_order_epoch_milliseconds_and_extra_columns()
    {
        string input = Write("ms.csv",
            "volume,close,timestamp,high,symbol,low,open\n" +
            "2,101,1677628800000,102,BTCUSDC,99,100\n" +
            "1,104,1677628860000,105,BTCUSDC,100,101\n" +
            "\n" +
            "3,103,1677628920000,104,BTCUSDC,102,104\n");
        string output = Path.Combine(_dir, "ms-out.csv");
        IndicatorCsvTool.Run(input, "sma(2),obv,vwap", output).Should().Be(3);
        File.ReadAllLines(output).Should().Equal(
            "time,sma(2),obv,vwap",
            "1677628800000,,2,100.66666666666667",
            "1677628860000,102.5,3," + ((((102 + 99 + 101) / 3.0 * 2) + ((105 + 100 + 104) / 3.0 * 1)) / 3).ToString("R", CultureInfo.InvariantCulture),
            "1677628920000,103.5,0," + ((((102 + 99 + 101) / 3.0 * 2) + ((105 + 100 + 104) / 3.0 * 1) + ((104 + 102 + 103) / 3.0 * 3)) / 6).ToString("R", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1677628800", "1677715200")]
    [InlineData("1677628800000000", "1677715200000000")]
    [InlineData("1677628800000000000", "1677715200000000000")]
    [InlineData("2023-03-01T00:00:00Z", "2023-03-02T00:00:00Z")]
    public void Detects_epoch_units_and_iso_times_so_the_vwap_day_boundary_lands_at_utc_midnight(string day1, string day2)
    {
        string input = Write("t.csv", $"time,open,high,low,close,volume\n{day1},1,1,1,1,1\n{day2},5,5,5,5,1\n");
        string output = Path.Combine(_dir, "t-out.csv");
        IndicatorCsvTool.Run(input, "vwap", output);
        File.ReadAllLines(output).Should().Equal("time,vwap", $"{day1},1", $"{day2},5");
    }

    [Fact]
    public void A_bad_number_names_the_file_line_and_column()
    {
        string input = Write("bad.csv", "open_time,open,high,low,close,volume\n1677628800,1,2,0.5,1.5,3\n1677628860,1,2,0.5,abc,3\n");
        FluentActions.Invoking(() => IndicatorCsvTool.Run(input, "obv", Path.Combine(_dir, "o.csv")))
            .Should().Throw<CsvFormatException>()
            .WithMessage($"{input}:3, column 'close': 'abc' is not a number")
            .Where(e => e.Line == 3 && e.Column == "close");
    }

    [Theory]
    [InlineData("time,open,high,low,volume\n", "*:1: no 'close' column in header*")]
    [InlineData("date,open,high,low,close,volume\n", "*:1: no time column*")]
    [InlineData("", "*:1: the file is empty*")]
    [InlineData("time,open,high,low,close,volume\n1677628800,1,1,1,1\n", "*:2: has 5 fields, the header has 6")]
    [InlineData("time,open,high,low,close,volume\nyesterday,1,1,1,1,1\n", "*:2, column 'time': 'yesterday' is neither ISO-8601 nor an epoch timestamp")]
    [InlineData("time,open,high,low,close,volume\n1677628860,1,1,1,1,1\n1677628800,1,1,1,1,1\n", "*:3, column 'time': time '1677628800' is not after the previous row's*")]
    [InlineData("time,open,high,low,close,volume\n12345,1,1,1,1,1\n", "*:2, column 'time': '12345' is not a plausible epoch timestamp*")]
    public void Bad_files_get_errors_naming_where(string content, string message)
    {
        string input = Write("x.csv", content);
        FluentActions.Invoking(() => IndicatorCsvTool.Run(input, "obv", Path.Combine(_dir, "o.csv")))
            .Should().Throw<CsvFormatException>().WithMessage(message);
    }

    [Fact]
    public void A_bad_spec_is_reported_before_reading_the_input()
    {
        FluentActions.Invoking(() => IndicatorCsvTool.Run(Path.Combine(_dir, "missing.csv"), "rsi(14),nope", Path.Combine(_dir, "o.csv")))
            .Should().Throw<IndicatorSpecException>().WithMessage("*item 2 'nope' at position 8*");
    }
}
