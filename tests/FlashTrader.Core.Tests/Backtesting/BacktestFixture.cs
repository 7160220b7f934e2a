using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Tests.Backtesting;

/// <summary>
/// A small hand-computed run starting 2024-08-09 00:00:00 UTC, sampled each minute.
/// Equity 100, 110, 104.5, 114.95: returns +10%, -5%, +10%.
/// BTCUSDC (0): buy 0.5 @ 100 (fee 0.05) at +10 s, buy 0.5 @ 102 (fee 0.051) at +20 s, sell 1 @ 105 (fee 0.105) at +70 s:
///   entry 101, exit 105, fees 0.206, net +3.794.
/// ETHUSDC (1): buy 2 @ 50 at +60 s, sell 2 @ 49 at +150 s (stop-loss): net -2.
/// </summary>
internal static class BacktestFixture
{
    public const long T0 = 1_723_161_600_000_000_000L;
    public const long Second = 1_000_000_000L;
    public const long Minute = 60 * Second;

    public static readonly (long TimeNs, decimal Equity)[] Equity =
    [
        (T0, 100m), (T0 + Minute, 110m), (T0 + (2 * Minute), 104.5m), (T0 + (3 * Minute), 114.95m),
    ];

    public static ExecutionReport Fill(long orderId, int symbol, Side side, string price, string quantity, decimal fee, long timeNs, OrderPurpose purpose = OrderPurpose.Entry) =>
        new(orderId, symbol, side, OrderStatus.Filled, purpose, RejectReason.None, orderId, Fixed8.Parse(price), Fixed8.Parse(quantity), fee,
            Liquidity.Taker, Fixed8.Parse(quantity), Fixed8.Parse(quantity), timeNs, orderId);

    /// <summary>The fills in time order with the signal source of their order.</summary>
    public static (ExecutionReport Fill, int Source)[] Fills =>
    [
        (Fill(1, 0, Side.Buy, "100", "0.5", 0.05m, T0 + (10 * Second)), 0),
        (Fill(2, 0, Side.Buy, "102", "0.5", 0.051m, T0 + (20 * Second)), 0),
        (Fill(3, 1, Side.Buy, "50", "2", 0m, T0 + (60 * Second)), 2),
        (Fill(4, 0, Side.Sell, "105", "1", 0.105m, T0 + (70 * Second), OrderPurpose.TakeProfit), -1),
        (Fill(5, 1, Side.Sell, "49", "2", 0m, T0 + (150 * Second), OrderPurpose.StopLoss), -1),
    ];
}
