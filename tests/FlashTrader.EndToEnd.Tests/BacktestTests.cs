using System.Globalization;
using System.Text.Json;
using System.Xml;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>
/// <c>flashtrader backtest</c> on the bundled sample and a shared set: outputs with pinned figures, fills identical
/// to the hosted <c>run --replay --speed max</c>, byte-identical reruns, and an offline, well-formed report.html.
/// </summary>
public sealed class BacktestTests
{
    private static FlashTraderProcess.Result Backtest(string recording, string outDir, params string[] extra) =>
        FlashTraderProcess.Run(["backtest", "--recording", recording, "--out", outDir, .. extra]);

    private static decimal D(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static decimal Money(JsonElement e, string name) => D(e.GetProperty(name).GetString()!);

    [Fact]
    public void Backtesting_the_sample_writes_every_output_with_pinned_figures()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = Backtest(FlashTraderProcess.Sample, run.Path);

        r.ExitCode.Should().Be(0, r.ToString());
        r.Stdout.Should().Contain("179,318 events, 293 fills, 140 trades").And.Contain("report.html");
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(run.File("report.json")));
        JsonElement root = report.RootElement;
        root.GetProperty("events").GetInt64().Should().Be(179_318);
        root.GetProperty("signalSources").EnumerateArray().Select(e => e.GetString()).Should().Equal("imbalance", "momentum", "volatility");
        JsonElement m = root.GetProperty("metrics");
        // The run summary's figures for the same replay (PaperTradingAcceptanceTests): equity 10,000 -> 10,018.98658223, 293 fills.
        Money(m, "startingEquity").Should().Be(10_000m);
        Money(m, "endingEquity").Should().Be(10_018.98658223m);
        Money(m, "netPnl").Should().Be(18.98658223m);
        m.GetProperty("fills").GetInt64().Should().Be(293);
        m.GetProperty("trades").GetInt32().Should().Be(140);
        m.GetProperty("wins").GetInt32().Should().Be(63);
        m.GetProperty("losses").GetInt32().Should().Be(74);
        Money(m, "maxDrawdown").Should().Be(0.77624083m);
        m.GetProperty("maxDrawdownDurationSeconds").GetDouble().Should().Be(300);
        Money(m, "turnover").Should().Be(483_827.60215433m);
        Money(m, "fees").Should().Be(0m);
        m.GetProperty("returnObservations").GetInt64().Should().Be(12);
        m.GetProperty("periodsPerYear").GetDouble().Should().Be(525_600);
        root.GetProperty("openPositions").GetArrayLength().Should().Be(0);
        root.GetProperty("counts").GetProperty("fills").GetInt64().Should().Be(293);

        // Every closed trade is in trades.csv; flat at the end, their net P&L adds up to the equity change exactly.
        string[] trades = File.ReadAllLines(run.File("trades.csv"));
        trades[0].Should().Be("symbol,entryTime,exitTime,quantity,averageEntryPrice,averageExitPrice,entryValue,exitValue,fees,netPnl,returnPercent,holdingSeconds,session,signalSource,exitReason,entryFills,exitFills");
        trades.Should().HaveCount(1 + 140);
        trades.Skip(1).Sum(l => D(l.Split(',')[9])).Should().Be(18.98658223m);
        trades.Skip(1).Sum(l => int.Parse(l.Split(',')[15], CultureInfo.InvariantCulture) + int.Parse(l.Split(',')[16], CultureInfo.InvariantCulture)).Should().Be(293);

        // The breakdowns partition the trades.
        foreach (string breakdown in new[] { "bySymbol", "bySession", "bySignalSource" })
        {
            JsonElement[] rows = [.. root.GetProperty(breakdown).EnumerateArray()];
            rows.Sum(x => x.GetProperty("trades").GetInt32()).Should().Be(140, breakdown);
            rows.Sum(x => Money(x, "netPnl")).Should().Be(18.98658223m, breakdown);
        }

        root.GetProperty("bySession").EnumerateArray().Select(x => (x.GetProperty("key").GetString(), x.GetProperty("trades").GetInt32()))
            .Should().Equal(("Asia", 140), ("Europe", 0), ("US", 0));

        string[] equity = File.ReadAllLines(run.File("equity.csv"));
        equity[0].Should().Be("time,equity,drawdown,drawdownPercent");
        equity[1].Should().Be("2024-08-08T23:54:15.208Z,10000,0,0");
        equity[^1].Should().StartWith("2024-08-09T00:05:05.8175643Z,10018.98658223,");
        equity.Should().HaveCount(1 + 13);

        FillsLedger.Replay(run.File("fills.csv"), new Dictionary<string, decimal> { ["USDC"] = 10_000m, ["BTC"] = 0m, ["ETH"] = 0m },
            new Dictionary<string, string> { ["BTCUSDC"] = "BTC", ["ETHUSDC"] = "ETH" })["USDC"].Should().Be(10_018.98658223m);
    }

    [Fact]
    public void Fills_equal_those_of_the_hosted_replay_on_the_sample()
    {
        using var run = new RunDirectory();
        using var bt = new RunDirectory();
        FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--speed", "max", .. run.DataArgs]).ExitCode.Should().Be(0);
        Backtest(FlashTraderProcess.Sample, bt.Path).ExitCode.Should().Be(0);

        File.ReadAllLines(bt.File("fills.csv")).Should().Equal(File.ReadAllLines(run.File("fills.csv")));
        File.ReadAllLines(bt.File("fills.csv")).Should().HaveCount(1 + 293);
    }

    [Fact]
    public void Fills_equal_those_of_the_hosted_replay_on_a_shared_set_with_resting_orders_and_fees()
    {
        using var run = new RunDirectory();
        using var bt = new RunDirectory();
        string dir = Path.Combine(FlashTraderProcess.SharedData, "binance-spot-l2-btc-eth-2024-08-08");
        FlashTraderProcess.Run(["import", "--from", "binance-capture", "--input", Path.Combine(dir, "btcusdt_20240808.gz"), Path.Combine(dir, "btcusdt_20240809.gz"),
            "--output", run.File("btc.ftrec"), "--symbol-map", "BTCUSDT=BTCUSDC"]).ExitCode.Should().Be(0);
        string[] config = ["--set", "Execution:TimeInForce=GTC", "--set", "TradingPairs:0:TakerFee=0.0005", "--set", "TradingPairs:0:MakerFee=0.0002", "--set", "SignalGeneration:ImbalanceThreshold=0.3"];

        FlashTraderProcess.Result hosted = FlashTraderProcess.Run(["--replay", run.File("btc.ftrec"), "--reset", "--speed", "max", .. config, .. run.DataArgs]);
        hosted.ExitCode.Should().Be(0, hosted.ToString());
        FlashTraderProcess.Result backtest = Backtest(run.File("btc.ftrec"), bt.Path, config);
        backtest.ExitCode.Should().Be(0, backtest.ToString());

        string[] fills = File.ReadAllLines(bt.File("fills.csv"));
        fills.Should().Equal(File.ReadAllLines(run.File("fills.csv")));
        fills.Length.Should().BeGreaterThan(50);
        fills.Skip(1).Should().Contain(l => l.Split(',')[10] == "maker", "GTC entries rest and fill as maker");
        fills.Skip(1).Sum(l => D(l.Split(',')[6])).Should().BePositive();
    }

    [Fact]
    public void Two_backtests_write_identical_bytes()
    {
        using var first = new RunDirectory();
        using var second = new RunDirectory();
        Backtest(FlashTraderProcess.Sample, first.Path, "--seed", "7").ExitCode.Should().Be(0);
        Backtest(FlashTraderProcess.Sample, second.Path, "--seed", "7").ExitCode.Should().Be(0);

        foreach (string file in new[] { "report.json", "report.html", "trades.csv", "fills.csv", "equity.csv" })
        {
            File.ReadAllBytes(second.File(file)).Should().Equal(File.ReadAllBytes(first.File(file)), file);
        }
    }

    [Fact]
    public void The_html_report_is_self_contained_and_well_formed()
    {
        using var run = new RunDirectory();
        Backtest(FlashTraderProcess.Sample, run.Path).ExitCode.Should().Be(0);
        string html = File.ReadAllText(run.File("report.html"));

        html.Should().NotContainEquivalentOf("http://").And.NotContainEquivalentOf("https://").And.NotContainEquivalentOf("src=").And.NotContainEquivalentOf("<link");
        html.Should().Contain("<svg").And.Contain("\"trades\":[").And.Contain("\"equity\":[[");
        var xml = new XmlDocument();
        using (var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }))
        {
            xml.Load(reader);
        }

        xml.DocumentElement!.Name.Should().Be("html");
        XmlNode script = xml.SelectSingleNode("/html/body/script")!;
        script.Should().NotBeNull();
        // The drawing code runs without error against a minimal document and fills every section.
        string js = "const els = {}; const document = { getElementById: id => els[id] || (els[id] = { textContent: '', innerHTML: '' }) };\n" + script.InnerText +
            "\nfor (const id of ['cards', 'equity', 'drawdown', 'prices', 'breakdowns', 'trades']) { if (!els[id].innerHTML.includes('<')) { throw new Error('empty ' + id); } }\nconsole.log('drawn');";
        File.WriteAllText(run.File("report-check.js"), js);
        var node = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", run.File("report-check.js")) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        string output = node.StandardOutput.ReadToEnd() + node.StandardError.ReadToEnd();
        node.WaitForExit();
        output.Trim().Should().Be("drawn");
    }

    [Fact]
    public void A_chosen_strategy_runs_alone_and_its_json_definition_trades_exactly_like_it()
    {
        using var builtIn = new RunDirectory();
        FlashTraderProcess.Result r = Backtest(FlashTraderProcess.Sample, builtIn.Path, "--strategy", "imbalance");
        r.ExitCode.Should().Be(0, r.ToString());
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(builtIn.File("report.json")));
        report.RootElement.GetProperty("signalSources").EnumerateArray().Select(e => e.GetString()).Should().Equal("imbalance");

        using var json = new RunDirectory();
        FlashTraderProcess.Result j = Backtest(FlashTraderProcess.Sample, json.Path, "--strategy", "config/strategies/imbalance.json");
        j.ExitCode.Should().Be(0, j.ToString());

        // The same fills; only the attribution differs (the JSON file's version and hash instead of the built-in's).
        static string[] Fills(RunDirectory run) => [.. File.ReadAllLines(run.File("fills.csv")).Skip(1).Select(l => string.Join(',', l.Split(',').Take(11)))];
        Fills(json).Should().NotBeEmpty().And.Equal(Fills(builtIn));
        File.ReadAllLines(json.File("fills.csv")).Skip(1).Should().OnlyContain(l => l.Split(',')[11] == "imbalance" && l.Split(',')[12] != "builtin");
    }

    [Fact]
    public void Bad_input_is_a_usage_error_naming_it()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result missing = Backtest(run.File("nope.ftrec"), run.Path);
        missing.ExitCode.Should().Be(2);
        missing.Stderr.Should().Contain("--recording: file not found").And.Contain("nope.ftrec");

        FlashTraderProcess.Result badConfig = Backtest(FlashTraderProcess.Sample, run.Path, "--set", "Execution:TakeProfitBps=abc");
        badConfig.ExitCode.Should().Be(2);
        badConfig.Stderr.Should().Contain("Execution:TakeProfitBps");
    }
}
