using System.Diagnostics;
using System.Text.Json;

namespace FlashTrader.EndToEnd.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser: headless Debian chromium driven by npm playwright-core
/// (tools/dashboard-tests/check-dashboard.mjs) against the real binary replaying the bundled sample. .ci/run installs
/// chromium, node packages and the chart library; without them this test fails and says which is missing.
/// </summary>
public sealed class DashboardBrowserTests
{
    private static string Tools => Path.Combine(FlashTraderProcess.RepositoryRoot, "tools");

    [Fact]
    public void The_page_shows_the_apis_numbers_draws_every_chart_and_its_controls_change_risk_limits_strategy_parameters_and_kill_trading()
    {
        string script = Path.Combine(Tools, "dashboard-tests", "check-dashboard.mjs");
        File.Exists(Path.Combine(Tools, "dashboard-tests", "node_modules", "playwright-core", "package.json")).Should()
            .BeTrue("playwright-core must be installed: npm ci in tools/dashboard-tests (see .ci/run)");
        File.Exists("/usr/bin/chromium").Should().BeTrue("chromium must be installed: apt-get install -y chromium (see .ci/run)");
        File.Exists(Path.Combine(AppContext.BaseDirectory, "Dashboard", "wwwroot", "lib", "lightweight-charts.standalone.production.js")).Should()
            .BeTrue("the chart library must be built in: npm ci in tools/dashboard-web, then rebuild (see .ci/run)");
        string results = Path.Combine(FlashTraderProcess.RepositoryRoot, "TestResults");
        Directory.CreateDirectory(results);
        string screenshot = Path.Combine(results, "dashboard.png");
        File.Delete(screenshot);
        using var run = new RunDirectory();
        string output = "";

        // A JSON strategy beside the built-ins, for the strategy controls.
        string strategies = Path.Combine(run.Path, "strategies");
        Directory.CreateDirectory(strategies);
        File.WriteAllText(Path.Combine(strategies, "hot.json"), """
            { "name": "hot", "version": "1.0.0", "parameters": { "threshold": 0.3 },
              "buy": { "rules": ["imbalance > threshold"], "strength": "1" }, "sell": { "rules": ["imbalance < -threshold"], "strength": "1" } }
            """);

        FlashTraderProcess.Result bot = DashboardRun.With(run, ["--set", "Dashboard:Urls=http://127.0.0.1:0", "--set", $"Strategies:Directory={strategies}"], url =>
        {
            var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(script)! };
            psi.ArgumentList.Add(script);
            psi.ArgumentList.Add(url.ToString());
            psi.ArgumentList.Add(screenshot);
            using Process node = Process.Start(psi)!;
            Task<string> stdout = node.StandardOutput.ReadToEndAsync();
            Task<string> stderr = node.StandardError.ReadToEndAsync();
            node.WaitForExit(TimeSpan.FromMinutes(3)).Should().BeTrue("the browser check must finish");
            output = stdout.Result;
            node.ExitCode.Should().Be(0, $"the browser check failed:\n{stderr.Result}\n{stdout.Result}");
        });

        bot.ExitCode.Should().Be(0, bot.ToString());
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement r = doc.RootElement;
        r.GetProperty("chartLibraryLoaded").GetBoolean().Should().BeTrue();
        r.GetProperty("consoleErrors").GetArrayLength().Should().Be(0);
        r.GetProperty("expectedRejections").GetInt32().Should().Be(1, "the one bad strategy parameter sent on purpose");
        foreach (string chart in new[] { "price", "depth", "equity", "heatmap" })
        {
            r.GetProperty("charts").GetProperty(chart).GetProperty("distinctColours").GetInt32().Should().BeGreaterThan(3, chart);
        }

        r.GetProperty("candles").GetProperty("ema").GetInt32().Should().BePositive("the EMA overlay is drawn");
        r.GetProperty("riskLimits").GetProperty("Risk:DailyLossLimit").GetDecimal().Should().Be(321.5m);
        r.GetProperty("riskLimits").GetProperty("Risk:MaxDrawdownPercent").GetDecimal().Should().Be(7.25m);
        r.GetProperty("invalidRiskChange").GetProperty("status").GetInt32().Should().Be(400);
        r.GetProperty("invalidRiskChange").GetProperty("errors")[0].GetProperty("key").GetString().Should().Be("Risk:DailyLossLimit");
        r.GetProperty("strategy").GetProperty("error").GetString().Should().Be("parameters.threshold: must be a finite number, not \"x\"");
        r.GetProperty("strategy").GetProperty("version").GetString().Should().Be("1.0.0+runtime.1");
        r.GetProperty("strategy").GetProperty("threshold").GetDouble().Should().Be(0.35);
        r.GetProperty("strategy").GetProperty("shownVersion").GetString().Should().Be("1.0.0+runtime.1");
        r.GetProperty("kill").GetProperty("haltReason").GetString().Should().Be("kill switch by dashboard");
        r.GetProperty("compared").GetInt32().Should().BeGreaterThanOrEqualTo(20, "balances, positions, fills, P&L and limits are compared");
        File.Exists(screenshot).Should().BeTrue();
        new FileInfo(screenshot).Length.Should().BeGreaterThan(50_000);

        // The bot's own log confirms both controls went in-band, with the audit record of the change.
        bot.Stderr.Should().Contain("Audit: risk limits changed by dashboard: Risk:MaxDrawdownPercent 10 -> 7.25, Risk:DailyLossLimit 500 -> 321.5");
        bot.Stderr.Should().Contain("Risk: new entries halted: kill switch by dashboard");
        bot.Stderr.Should().Contain("Audit: strategy hot changed by dashboard (127.0.0.1) before event ").And.Contain("parameters.threshold 0.3 -> 0.35");
    }
}
