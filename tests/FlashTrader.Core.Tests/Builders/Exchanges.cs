using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Tests.Builders;

/// <summary>
/// A BTCUSDC paper exchange for fill-model tests: 2 bps maker, 10 bps taker, min 0.001 BTC and 1 USDC, no slippage,
/// the book bids 1 @ 99, 2 @ 98 and asks 0.5 @ 100, 3 @ 101 at <see cref="Events.T0"/> unless a test says otherwise.
/// </summary>
internal static class Exchanges
{
    public const string Bids = "1@99, 2@98";
    public const string Asks = "0.5@100, 3@101";

    public static ExecutionOptions Model(string queue = "RiskAverse", double entryMs = 0, double responseMs = 0) => new()
    {
        QueueModel = queue,
        Latency = new LatencyOptions { EntryMs = entryMs, ResponseMs = responseMs },
    };

    public static PaperExchange Btc(ExecutionOptions? execution = null, decimal usdc = 1_000m, decimal btc = 0m, string bids = Bids, string asks = Asks, int seed = 42)
    {
        TradingPairOptions pair = TestOptions.Btc();
        pair.MaxPosition = 10m;
        pair.MakerFee = 0.0002m;
        pair.TakerFee = 0.001m;
        var options = new PaperTradingOptions
        {
            InitialBalance = TestOptions.Balances(("USDC", usdc), ("BTC", btc)),
            SimulateSlippage = false,
            Seed = seed,
        };
        var exchange = new PaperExchange(TestOptions.Instruments(pair), options, execution);
        exchange.OnMarketEvent(Events.Snapshot(100, bids, asks), []);
        return exchange;
    }

    public static OrderRequest Order(long id, Side side, string quantity, OrderType type = OrderType.Market, TimeInForce tif = TimeInForce.Ioc, string price = "0") =>
        new(id, 0, side, type, tif, Fixed8.Parse(price), Fixed8.Parse(quantity), side == Side.Buy ? OrderPurpose.Entry : OrderPurpose.SignalExit, -1, 1, Events.At(0), id, 0);

    /// <summary>Fills as "quantity@price", comma separated, in report order.</summary>
    public static string Fills(IEnumerable<ExecutionReport> reports) =>
        string.Join(", ", reports.Where(r => r.IsFill).Select(r => $"{r.LastQuantity}@{r.LastPrice}"));
}
