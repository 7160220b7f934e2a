using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Book;
using FlashTrader.Mexc.Rest;
using FlashTrader.Tests.Shared;

namespace FlashTrader.EndToEnd.Tests.Live;

/// <summary>The live source's snapshots: the REST client as the book's <see cref="IDepthSnapshotSource"/>, against the loopback server.</summary>
public sealed class RestDepthSnapshotTests : IAsyncLifetime
{
    private LoopbackMexcServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackMexcServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private MexcRestClient Client() => new(new MexcOptions { RestUrl = _server.RestUrl.ToString().TrimEnd('/'), GetRetries = 0 });

    [Fact]
    public async Task Parses_MEXCs_depth_body_into_a_snapshot_event_with_exact_levels()
    {
        (string Symbol, int Limit)? asked = null;
        _server.DepthResponder = (symbol, limit) =>
        {
            asked = (symbol, limit);
            return "{\"lastUpdateId\":81999275445,\"bids\":[[\"86503.92\",\"14.91335308\"],[\"86503.91\",\"0.004965\"]],\"asks\":[[\"86503.93\",\"0.00000001\"]]}";
        };
        using MexcRestClient rest = Client();
        IDepthSnapshotSource source = rest;

        MarketEvent ev = await source.GetDepthSnapshotAsync("BTCUSDC", 1, 5000, new DepthLevelsPool(), CancellationToken.None);

        asked.Should().Be(("BTCUSDC", 5000));
        ev.Kind.Should().Be(MarketEventKind.DepthSnapshot);
        ev.SymbolId.Should().Be(1);
        ev.LastUpdateId.Should().Be(81_999_275_445);
        ev.Levels.Bids.ToArray().Should().Equal(
            new PriceLevel(Fixed8.FromDecimal(86503.92m), Fixed8.FromDecimal(14.91335308m)),
            new PriceLevel(Fixed8.FromDecimal(86503.91m), Fixed8.FromDecimal(0.004965m)));
        ev.Levels.Asks.ToArray().Should().Equal(new PriceLevel(Fixed8.FromDecimal(86503.93m), Fixed8.FromRaw(1)));
    }

    [Fact]
    public async Task An_HTTP_error_names_the_request_and_carries_MEXCs_code_and_message()
    {
        using MexcRestClient rest = Client();
        IDepthSnapshotSource source = rest;

        Func<Task> fetch = async () => await source.GetDepthSnapshotAsync("NOPEUSDC", 0, 5000, new DepthLevelsPool(), CancellationToken.None);

        (await fetch.Should().ThrowAsync<MexcRequestException>()).Which.Message.Should().Contain("depth").And.Contain("30014").And.Contain("Invalid symbol.");
    }
}
