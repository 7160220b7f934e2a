using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Sources;
using FlashTrader.Tests.Shared;

namespace FlashTrader.EndToEnd.Tests.Live;

/// <summary>The interim REST snapshot source against the loopback server: the body parsed exactly, errors that say where.</summary>
public sealed class HttpDepthSnapshotSourceTests : IAsyncLifetime
{
    private LoopbackMexcServer _server = null!;

    public async Task InitializeAsync() => _server = await LoopbackMexcServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Parses_MEXCs_depth_body_into_a_snapshot_event_with_exact_levels()
    {
        (string Symbol, int Limit)? asked = null;
        _server.DepthResponder = (symbol, limit) =>
        {
            asked = (symbol, limit);
            return "{\"lastUpdateId\":81999275445,\"bids\":[[\"86503.92\",\"14.91335308\"],[\"86503.91\",\"0.004965\"]],\"asks\":[[\"86503.93\",\"0.00000001\"]]}";
        };
        using var http = new HttpClient { BaseAddress = _server.RestUrl };
        var source = new HttpDepthSnapshotSource(http, TimeProvider.System);

        MarketEvent ev = await source.GetDepthSnapshotAsync("BTCUSDC", 1, 5000, new DepthLevelsPool(), CancellationToken.None);

        asked.Should().Be(("BTCUSDC", 5000));
        ev.Kind.Should().Be(MarketEventKind.DepthSnapshot);
        ev.SymbolId.Should().Be(1);
        ev.LastUpdateId.Should().Be(81_999_275_445);
        ev.Levels.Bids.ToArray().Should().Equal(
            new PriceLevel(Fixed8.FromDecimal(86503.92m), Fixed8.FromDecimal(14.91335308m)),
            new PriceLevel(Fixed8.FromDecimal(86503.91m), Fixed8.FromDecimal(0.004965m)));
        ev.Levels.Asks.ToArray().Should().Equal(new PriceLevel(Fixed8.FromDecimal(86503.93m), Fixed8.FromRaw(1)));
        ev.LocalTimeNs.Should().Be(ev.ExchangeTimeNs, "MEXC's depth body has no time: the receive time stands for it");
    }

    [Fact]
    public void A_bad_level_is_an_error_naming_the_symbol_and_the_byte_offset()
    {
        Action parse = () => HttpDepthSnapshotSource.Parse("{\"lastUpdateId\":5,\"bids\":[[\"1.5\",\"x\"]],\"asks\":[]}"u8, new DepthLevels(), "ETHUSDC");

        parse.Should().Throw<FormatException>().WithMessage("GET /api/v3/depth for ETHUSDC: a level's quantity is not a decimal string at byte offset 33");
    }

    [Fact]
    public async Task An_HTTP_error_carries_the_status_and_MEXCs_error_body()
    {
        using var http = new HttpClient { BaseAddress = _server.RestUrl };
        var source = new HttpDepthSnapshotSource(http, TimeProvider.System);

        Func<Task> fetch = async () => await source.GetDepthSnapshotAsync("NOPEUSDC", 0, 5000, new DepthLevelsPool(), CancellationToken.None);

        (await fetch.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should()
            .Be("GET /api/v3/depth?symbol=NOPEUSDC&limit=5000: HTTP 400: {\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
    }
}
