using System.Net;
using System.Text.Json;
using FlashTrader.Mexc.Simulator.Tests.TestData;

namespace FlashTrader.Mexc.Simulator.Tests.Rest;

/// <summary>Signed endpoints verify X-MEXC-APIKEY, the HMAC-SHA256 signature over query + body, and the recvWindow.</summary>
public sealed class SignatureTests : IAsyncLifetime
{
    private MexcSimulator _sim = null!;

    public async Task InitializeAsync() => _sim = await MexcSimulator.StartAsync(Sample.Options());

    public async Task DisposeAsync() => await _sim.DisposeAsync();

    [Fact]
    public async Task A_correctly_signed_request_is_served()
    {
        using var client = new SignedClient(_sim.RestUrl);
        JsonElement account = await client.JsonAsync(HttpMethod.Get, "/api/v3/account");
        account.GetProperty("balances").EnumerateArray().Select(b => (b.GetProperty("asset").GetString(), b.GetProperty("free").GetString()))
            .Should().Equal(("BTC", "1"), ("ETH", "10"), ("USDC", "100000"));
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_is_refused_with_700002()
    {
        using var client = new SignedClient(_sim.RestUrl, secret: "not-the-secret");
        (int status, JsonElement body) = await client.ErrorAsync(HttpMethod.Get, "/api/v3/account");
        status.Should().Be(400);
        body.GetProperty("code").GetInt32().Should().Be(700002);
        body.GetProperty("msg").GetString().Should().Be("Signature for this request is not valid.");
    }

    [Fact]
    public async Task A_parameter_changed_after_signing_breaks_the_signature()
    {
        using var client = new SignedClient(_sim.RestUrl);
        var signer = new Signing.MexcRequestSigner(SimulatorOptions.DefaultApiSecret);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string signature = signer.Sign($"symbol=BTCUSDC&timestamp={now}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v3/tradeFee?symbol=ETHUSDC&timestamp={now}&signature={signature}");
        request.Headers.Add("X-MEXC-APIKEY", SimulatorOptions.DefaultApiKey);
        using HttpResponseMessage response = await client.Http.SendAsync(request);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32().Should().Be(700002);
    }

    [Theory]
    [InlineData(-10_000, 700003)]
    [InlineData(+2_000, 700003)]
    public async Task A_timestamp_outside_the_recvWindow_is_refused_with_700003(long offsetMs, int code)
    {
        using var client = new SignedClient(_sim.RestUrl) { Timestamp = () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + offsetMs };
        (int status, JsonElement body) = await client.ErrorAsync(HttpMethod.Get, "/api/v3/account");
        status.Should().Be(400);
        body.GetProperty("code").GetInt32().Should().Be(code);
        body.GetProperty("msg").GetString().Should().StartWith("Timestamp for this request is outside of the recvWindow");
    }

    [Fact]
    public async Task A_wider_recvWindow_admits_an_older_timestamp_up_to_60000_ms()
    {
        using var client = new SignedClient(_sim.RestUrl) { Timestamp = () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 10_000 };
        (await client.JsonAsync(HttpMethod.Get, "/api/v3/account", ("recvWindow", "20000"))).GetProperty("accountType").GetString().Should().Be("SPOT");
        (await client.ErrorAsync(HttpMethod.Get, "/api/v3/account", ("recvWindow", "60001"))).Body.GetProperty("code").GetInt32().Should().Be(700005);
    }

    [Fact]
    public async Task A_request_without_the_api_key_header_is_refused_with_700001()
    {
        using var http = new HttpClient { BaseAddress = _sim.RestUrl };
        using HttpResponseMessage response = await http.GetAsync($"/api/v3/account?timestamp={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}&signature=00");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32().Should().Be(700001);
    }

    [Fact]
    public async Task The_documented_test_vector_is_accepted_at_its_own_time()
    {
        // shared/docs/mexc-spot-v3.md: secret 45d0..., payload ... -> fd3e4e85...; the server clock is set to the payload's timestamp.
        SimulatorOptions options = Sample.Options() with
        {
            ApiKey = "vector-key",
            ApiSecret = "45d0b3c26f2644f19bfb98b07741b2f5",
            Clock = new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1644489390087)),
            Pairs =
            [
                new Core.Configuration.TradingPairOptions
                {
                    Symbol = "BTCUSDT", BaseAsset = "BTC", QuoteAsset = "USDT", MinOrderSize = 0.0001m, PricePrecision = 2, QuantityPrecision = 6,
                    SourceSymbols = ["BTCUSDC"],
                },
            ],
            InitialBalances = new Dictionary<string, decimal> { ["USDT"] = 100m },
        };
        await using MexcSimulator sim = await MexcSimulator.StartAsync(options);
        using var http = new HttpClient { BaseAddress = sim.RestUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post,
            "/api/v3/order/test?symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087" +
            "&signature=fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a");
        request.Headers.Add("X-MEXC-APIKEY", "vector-key");
        using HttpResponseMessage response = await http.SendAsync(request);
        (await response.Content.ReadAsStringAsync()).Should().Be("{}");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
