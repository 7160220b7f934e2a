using System.Net.Http.Headers;
using System.Text.Json;
using FlashTrader.Mexc.Signing;

namespace FlashTrader.Mexc.Simulator.Tests.TestData;

/// <summary>A plain HttpClient that signs requests as a MEXC client must (query + body, HMAC-SHA256, X-MEXC-APIKEY).</summary>
public sealed class SignedClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly MexcRequestSigner _signer;
    private readonly string _apiKey;

    public SignedClient(Uri baseUrl, string apiKey = SimulatorOptions.DefaultApiKey, string secret = SimulatorOptions.DefaultApiSecret)
    {
        _http = new HttpClient { BaseAddress = baseUrl };
        _signer = new MexcRequestSigner(secret);
        _apiKey = apiKey;
    }

    public HttpClient Http => _http;

    /// <summary>Clock of the requests' timestamps (tests move it to leave the recvWindow).</summary>
    public Func<long> Timestamp { get; set; } = () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] parameters)
    {
        var query = new MexcQueryString();
        foreach ((string name, string value) in parameters)
        {
            query.Add(name, value);
        }

        query.Add("timestamp", Timestamp());
        string signed = query + "&signature=" + _signer.Sign(query.ToString());
        var request = new HttpRequestMessage(method, path + "?" + signed);
        request.Headers.Add("X-MEXC-APIKEY", _apiKey);
        return _http.SendAsync(request);
    }

    public async Task<JsonElement> JsonAsync(HttpMethod method, string path, params (string Name, string Value)[] parameters)
    {
        using HttpResponseMessage response = await SendAsync(method, path, parameters);
        string body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"{method} {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task<(int Status, JsonElement Body)> ErrorAsync(HttpMethod method, string path, params (string Name, string Value)[] parameters)
    {
        using HttpResponseMessage response = await SendAsync(method, path, parameters);
        string body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    public void Dispose() => _http.Dispose();
}
