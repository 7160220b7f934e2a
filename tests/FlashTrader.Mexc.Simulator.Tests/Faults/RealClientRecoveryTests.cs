using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.Rest.Models;
using FlashTrader.Mexc.Simulator.Faults;
using FlashTrader.Mexc.Simulator.Tests.TestData;

namespace FlashTrader.Mexc.Simulator.Tests.Faults;

/// <summary>
/// The bot's own REST client against the simulator's REST faults: an order executed and then answered 5xx is found,
/// not sent twice; a skewed server clock is synced to; a 429 is waited out and retried. (The WebSocket faults are
/// exercised through the whole bot in the end-to-end tests.)
/// </summary>
public sealed class RealClientRecoveryTests : IAsyncLifetime
{
    private static readonly NewOrderRequest RestingBuy = new("BTCUSDC", Side.Buy, SpotOrderType.Limit, Quantity: Fixed8.Parse("0.01"), Price: Fixed8.Parse("1000"), ClientOrderId: "ft-recovery-1");

    private MexcSimulator _sim = null!;
    private MexcRestClient _client = null!;

    public async Task InitializeAsync()
    {
        _sim = await MexcSimulator.StartAsync(Sample.Options(autoStart: false));
        _client = new MexcRestClient(
            new MexcOptions { RestUrl = _sim.RestUrl.ToString().TrimEnd('/'), RetryBaseDelayMs = 10 },
            new MexcCredentials(_sim.Options.ApiKey, _sim.Options.ApiSecret));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sim.DisposeAsync();
    }

    [Fact]
    public async Task An_order_executed_then_answered_500_is_found_by_its_client_id_and_never_placed_twice()
    {
        _sim.Faults.FailNextOrders(1);

        OrderPlacement placement = await _client.PlaceOrderAsync(RestingBuy);

        placement.Status.Should().Be(OrderPlacementStatus.Found, placement.Error?.ToString());
        placement.SendError!.HttpStatus.Should().Be(500);
        placement.Order!.Status.Should().Be(MexcOrderStatus.New);
        _sim.Faults.UnknownOutcomeOrders.Should().Be(1);
        SpotOrder[] open = (await _client.GetOpenOrdersAsync("BTCUSDC")).Value;
        open.Should().ContainSingle("the lost answer did not make the client send the order again")
            .Which.ClientOrderId.Should().Be("ft-recovery-1");
    }

    [Fact]
    public async Task A_skewed_server_clock_is_synced_to_before_signing()
    {
        _sim.Faults.Plan = FaultPlan.Parse("skew=+10s");

        MexcResult<AccountInfo> account = await _client.GetAccountAsync();

        account.IsSuccess.Should().BeTrue(account.Error?.ToString());
        _client.ServerClock.OffsetMs.Should().BeInRange(9_000, 11_000, "the client measured the +10 s skew");
    }

    [Fact]
    public async Task A_429_is_waited_out_and_the_snapshot_request_retried()
    {
        _sim.Faults.FailNextRequests(429, 1);

        MexcResult<MarketEvent> depth = await _client.GetDepthAsync("BTCUSDC", 0, 100, new DepthLevelsPool(256));

        depth.IsSuccess.Should().BeTrue(depth.Error?.ToString());
        depth.Value.LastUpdateId.Should().BePositive();
        _sim.Faults.RateLimited.Should().Be(1);
        _client.Retries.Should().Be(1);
    }
}
