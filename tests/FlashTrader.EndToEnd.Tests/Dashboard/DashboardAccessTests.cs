using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FlashTrader.EndToEnd.Tests.Dashboard;

/// <summary>Who may reach the dashboard: loopback by default; beyond it only with the configured access token.</summary>
public sealed class DashboardAccessTests
{
    [Fact]
    public void Binding_beyond_loopback_without_a_token_refuses_to_start_naming_the_key()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", "--duration", "1", .. run.DataArgs, "--set", "Dashboard:Enabled=true", "--set", "Dashboard:Urls=http://0.0.0.0:0"]);

        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("Dashboard:AccessToken: must be set: Dashboard:Urls binds 'http://0.0.0.0:0' beyond loopback");
    }

    [Fact]
    public void A_port_already_taken_is_a_usage_error_naming_the_key()
    {
        using var run = new RunDirectory();
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--reset", .. run.DataArgs, "--set", "Dashboard:Enabled=true", "--set", $"Dashboard:Urls=http://127.0.0.1:{port}"]);

        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain($"error: Dashboard:Urls: cannot listen on http://127.0.0.1:{port}: Failed to bind to address http://127.0.0.1:{port}: address already in use. (choose another port, or set Dashboard:Enabled=false)");
    }

    [Fact]
    public void Beyond_loopback_every_request_needs_the_token_as_a_bearer_header_or_a_query_parameter()
    {
        using var run = new RunDirectory();
        var codes = new Dictionary<string, HttpStatusCode>();
        string cookie = "";
        FlashTraderProcess.Result bot = DashboardRun.With(run, ["--set", "Dashboard:Urls=http://0.0.0.0:0", "--set", "Dashboard:AccessToken=s3cret-token"], url =>
        {
            // No cookie jar: each request carries only what it is given here.
            using var handler = new HttpClientHandler { UseCookies = false };
            using var http = new HttpClient(handler) { BaseAddress = url };
            codes["none"] = http.GetAsync("api/status").Result.StatusCode;
            codes["page"] = http.GetAsync("").Result.StatusCode;
            codes["wrong"] = Send(http, "api/status", "not-it");
            codes["bearer"] = Send(http, "api/status", "s3cret-token");
            using HttpResponseMessage query = http.GetAsync("?token=s3cret-token").Result;
            codes["query"] = query.StatusCode;
            cookie = query.Headers.GetValues("Set-Cookie").Single();
            codes["cookie"] = Send(http, "api/status", null, "flashtrader_token=s3cret-token");
            codes["kill"] = http.PostAsync("api/control/kill", null).Result.StatusCode;
        });

        bot.ExitCode.Should().Be(0, bot.ToString());
        codes.Should().Equal(new Dictionary<string, HttpStatusCode>
        {
            ["none"] = HttpStatusCode.Unauthorized,
            ["page"] = HttpStatusCode.Unauthorized,
            ["wrong"] = HttpStatusCode.Unauthorized,
            ["bearer"] = HttpStatusCode.OK,
            ["query"] = HttpStatusCode.OK,
            ["cookie"] = HttpStatusCode.OK,
            ["kill"] = HttpStatusCode.Unauthorized,
        });
        cookie.Should().Be("flashtrader_token=s3cret-token; path=/; samesite=strict; httponly", "the page's own scripts and styles load with it");
        bot.Stderr.Should().NotContain("KillSwitch requested", "an unauthorized control never reaches the pipeline");
    }

    [Fact]
    public void On_loopback_the_api_answers_without_a_token_and_names_a_bad_parameter()
    {
        using var run = new RunDirectory();
        JsonElement status = default;
        string badTf = "";
        string badSymbol = "";
        FlashTraderProcess.Result bot = DashboardRun.With(run, ["--set", "Dashboard:Urls=http://127.0.0.1:0"], url =>
        {
            using var http = new HttpClient { BaseAddress = url };
            status = JsonDocument.Parse(http.GetStringAsync("api/status").Result).RootElement.Clone();
            badTf = http.GetAsync("api/candles?symbol=BTCUSDC&tf=4h").Result.Content.ReadAsStringAsync().Result;
            badSymbol = http.GetAsync("api/candles?symbol=DOGEUSDC&tf=1m").Result.Content.ReadAsStringAsync().Result;
        });

        bot.ExitCode.Should().Be(0, bot.ToString());
        status.GetProperty("mode").GetString().Should().Be("paper");
        status.GetProperty("feed").GetString().Should().Be("replay binance-btc-eth-2024-08-08.ftrec");
        status.GetProperty("liveFeed").ValueKind.Should().Be(JsonValueKind.Null, "a replay has no connection to report");
        status.GetProperty("books").EnumerateArray().Select(b => b.GetProperty("symbol").GetString()).Should().Equal("BTCUSDC", "ETHUSDC");
        badTf.Should().Contain("tf: '4h' is not a dashboard timeframe (known: 1m, 15m)");
        badSymbol.Should().Contain("symbol: 'DOGEUSDC' is not a traded pair (known: BTCUSDC, ETHUSDC)");
    }

    private static HttpStatusCode Send(HttpClient http, string path, string? bearer, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return http.Send(request).StatusCode;
    }
}
