using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace FlashTrader.EndToEnd.Tests.Dashboard;

/// <summary>
/// Strategy controls through the dashboard's API against the real binary replaying the bundled sample: a parameter
/// changed, a version switched, a strategy disabled, files dropped in the strategies folder, each applied in-band
/// and audited, and fills.csv naming the version that decided each fill.
/// </summary>
public sealed class DashboardStrategyTests
{
    private static string Definition(string version, double threshold) => $$"""
        {
          "name": "hot",
          "version": "{{version}}",
          "parameters": { "threshold": {{threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}} },
          "buy": { "rules": ["imbalance > threshold"], "strength": "1" },
          "sell": { "rules": ["imbalance < -threshold"], "strength": "1" }
        }
        """;

    [Fact]
    public void Parameter_version_and_enable_changes_apply_in_band_are_audited_and_fills_name_the_version_that_decided()
    {
        using var run = new RunDirectory();
        string folder = Path.Combine(run.Path, "strategies");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "hot.json"), Definition("1.0.0", 0.3));
        var seen = new Dictionary<string, JsonElement>();

        FlashTraderProcess.Result bot = DashboardRun.With(run, ["--set", "Dashboard:Urls=http://127.0.0.1:0", "--set", $"Strategies:Directory={folder}", "--set", "Strategies:DebounceMs=50"], url =>
        {
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(20) };
            JsonElement Strategies() => JsonDocument.Parse(http.GetStringAsync("api/strategies").Result).RootElement;
            JsonElement Lineup() => JsonDocument.Parse(http.GetStringAsync("api/decisions").Result).RootElement.GetProperty("lineup");
            JsonElement Hot() => Strategies().GetProperty("running").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "hot");
            (HttpStatusCode Status, JsonElement Body) Post(string path, string body = "{}")
            {
                using HttpResponseMessage response = http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json")).Result;
                return (response.StatusCode, JsonDocument.Parse(response.Content.ReadAsStringAsync().Result).RootElement);
            }

            Until(() => Hot().GetProperty("version").GetString() == "1.0.0", "hot 1.0.0 running");
            Thread.Sleep(4_000); // market on version 1

            (HttpStatusCode status, JsonElement body) = Post("api/strategies/hot/parameters", """{"threshold": "low"}""");
            status.Should().Be(HttpStatusCode.BadRequest);
            body.GetProperty("errors")[0].GetProperty("key").GetString().Should().Be("parameters.threshold");
            Post("api/strategies/hot/parameters", """{"treshold": 0.2}""").Body.GetProperty("errors")[0].GetProperty("problem").GetString()
                .Should().Be("is not a parameter of strategy 'hot' (declared: threshold)");
            Post("api/strategies/hot/parameters", """{"threshold": 0.25}""").Status.Should().Be(HttpStatusCode.Accepted);
            Until(() => Hot().GetProperty("version").GetString() == "1.0.0+runtime.1", "the parameter change to take effect");
            seen["edited"] = Hot();
            seen["lineup"] = Lineup();
            Thread.Sleep(4_000); // market on the edited version

            File.WriteAllText(Path.Combine(folder, "hot-v2.json"), Definition("2.0.0", 0.2));
            File.WriteAllText(Path.Combine(folder, "broken.json"), "{ \"name\": \"broken\", \"version\": \"1\", \"buy\": { \"rules\": \"imbalance >\" } }");
            Until(() => Strategies().GetProperty("files").GetArrayLength() == 3, "the new files listed");
            seen["files"] = Strategies().GetProperty("files");
            Post("api/strategies/hot/switch", """{"file": "hot-v2.json"}""").Status.Should().Be(HttpStatusCode.Accepted);
            Until(() => Hot().GetProperty("version").GetString() == "2.0.0", "the switch to version 2");
            Thread.Sleep(4_000); // market on version 2

            File.WriteAllText(Path.Combine(folder, "other.json"), Definition("1.0.0", 0.3).Replace("\"hot\"", "\"other\"", StringComparison.Ordinal));
            Until(() => Strategies().GetProperty("files").GetArrayLength() == 4, "other.json listed");
            seen["limit"] = Post("api/strategy-files/other.json/enable").Body;
            Post("api/strategies/hot/disable").Status.Should().Be(HttpStatusCode.Accepted);
            Until(() => !Hot().GetProperty("enabled").GetBoolean(), "hot disabled");
            seen["lineup disabled"] = Lineup();
            seen["changes"] = Strategies().GetProperty("changes");
        }, speed: 20);

        bot.ExitCode.Should().Be(0, bot.ToString());
        seen["edited"].GetProperty("parameters").GetProperty("threshold").GetDouble().Should().Be(0.25);
        seen["lineup"].EnumerateArray().Select(v => v.GetString()).Should().Equal("hot 1.0.0+runtime.1");
        seen["lineup disabled"].GetArrayLength().Should().Be(0, "a disabled strategy makes no decisions");
        string editedHash = seen["edited"].GetProperty("hash").GetString()!;
        seen["files"].EnumerateArray().Select(f => (f.GetProperty("file").GetString(), f.GetProperty("valid").GetBoolean(), f.GetProperty("running").GetBoolean()))
            .Should().Equal(("broken.json", false, false), ("hot-v2.json", true, false), ("hot.json", true, true));
        seen["files"][0].GetProperty("error").GetString().Should().StartWith(Path.Combine(folder, "broken.json") + ":1:");
        seen["limit"].GetProperty("errors")[0].GetProperty("problem").GetString().Should().Be("other.json: at most 4 strategies can run at once (4 already do, built-ins included)");
        seen["changes"].EnumerateArray().Select(c => c.GetProperty("change").GetString()).Should().HaveCount(3)
            .And.Contain(c => c!.StartsWith("parameters.threshold 0.3 -> 0.25; version 1.0.0 (", StringComparison.Ordinal));

        bot.Stderr.Should().Contain("Audit: strategy hot changed by dashboard (127.0.0.1) before event ").And.Contain("parameters.threshold 0.3 -> 0.25");
        bot.Stderr.Should().Contain("broken.json appeared and is invalid; running strategies are not affected");
        string[] versions = [.. File.ReadAllLines(run.File("fills.csv")).Skip(1).Select(l => l.Split(',')).Where(f => f[11] == "hot").Select(f => $"{f[12]} {f[13]}").Distinct()];
        versions.Should().Contain(v => v.StartsWith("1.0.0 ", StringComparison.Ordinal))
            .And.Contain($"1.0.0+runtime.1 {editedHash}")
            .And.Contain(v => v.StartsWith("2.0.0 ", StringComparison.Ordinal));
    }

    private static void Until(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            Thread.Sleep(100);
        }
    }
}
