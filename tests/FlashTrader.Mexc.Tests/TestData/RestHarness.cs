using FlashTrader.Core.Configuration;
using FlashTrader.Mexc.Rest;

namespace FlashTrader.Mexc.Tests.TestData;

/// <summary>A manual clock, the in-process MEXC server on it, and a client pointed at the server.</summary>
public sealed class RestHarness : IAsyncDisposable
{
    private RestHarness(ManualClock clock, MexcTestServer server, MexcRestClient client, MexcOptions options)
    {
        Clock = clock;
        Server = server;
        Client = client;
        Options = options;
    }

    public ManualClock Clock { get; }

    public MexcTestServer Server { get; }

    public MexcRestClient Client { get; }

    public MexcOptions Options { get; }

    public long NowNs => (Clock.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>Starts a server and a client with the default options (retry delays 0 so retries need no clock), then <paramref name="configure"/>.</summary>
    public static async Task<RestHarness> StartAsync(Action<MexcOptions>? configure = null, string secret = MexcTestServer.Secret, bool credentials = true)
    {
        var clock = new ManualClock();
        MexcTestServer server = await MexcTestServer.StartAsync(clock);
        var options = new MexcOptions { RestUrl = server.BaseUrl.ToString(), RetryBaseDelayMs = 0 };
        configure?.Invoke(options);
        var client = new MexcRestClient(options, credentials ? new MexcCredentials(MexcTestServer.ApiKey, secret) : null, clock);
        return new RestHarness(clock, server, client, options);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
