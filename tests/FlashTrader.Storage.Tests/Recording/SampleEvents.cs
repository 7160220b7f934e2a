using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Storage.Tests.Recording;

/// <summary>Hand-built events of every kind with awkward values (negative clock offsets, big ids, empty sides).</summary>
internal static class SampleEvents
{
    public static readonly string[] Symbols = ["BTCUSDC", "ETHUSDC"];

    public const long T0 = 1_723_161_255_208_000_000;

    public static DepthLevels Levels(params (string Price, string Qty, bool Bid)[] levels)
    {
        var l = new DepthLevels(2);
        foreach ((string price, string qty, bool bid) in levels)
        {
            l.Add(bid ? Side.Buy : Side.Sell, new PriceLevel(Fixed8.Parse(price), Fixed8.Parse(qty)));
        }

        return l;
    }

    /// <summary>One event of each recordable kind; local time is before exchange time in some (the capture clock lags).</summary>
    public static MarketEvent[] AllKinds() =>
    [
        MarketEvent.DepthSnapshot(0, T0, T0 - 1_270_914_232, 50_093_239_218,
            Levels(("61837.63", "3.78826", true), ("61837.62", "0.617", true), ("61837.64", "1.54698", false))),
        MarketEvent.DepthDiff(0, T0 + 100_000_000, T0 - 1_200_000_000, 50_093_239_219, 50_093_239_230,
            Levels(("61737.63", "0", true), ("61839.85", "0", false), ("61839.86", "0.00000001", false))),
        MarketEvent.DepthDiff(1, T0 + 100_000_001, T0 + 100_000_001, 35_346_513_499, 35_346_513_505, Levels()),
        MarketEvent.Trade(0, T0 + 135_000_000, T0 - 1_120_103_432, Fixed8.Parse("61837.63"), Fixed8.Parse("0.02"), Side.Sell, 3_735_683_259),
        MarketEvent.Trade(1, T0 + 135_000_000, T0 + 300_000_000, Fixed8.Parse("2683.81"), Fixed8.Parse("31.4395"), Side.Buy, -42),
        MarketEvent.BookTicker(1, T0 + 90_000_000, T0 - 5, Fixed8.Parse("2683.8"), Fixed8.Parse("3.0292"), Fixed8.Parse("2683.81"), Fixed8.Parse("31.4395"), 35_346_513_501),
        MarketEvent.Kline(0, T0 + 60_000_000_000, T0 + 60_000_000_000, T0, 60, Fixed8.Parse("23143.82"), Fixed8.Parse("23152.65"),
            Fixed8.Parse("23140.02"), Fixed8.Parse("23152.65"), Fixed8.Parse("0.000054"), Fixed8.Parse("-1.5")),
        MarketEvent.RawFrame(1, T0 + 61_000_000_000, T0 + 60_000_000_000, RawFrameTag.MexcProtobuf, [0x0A, 0x03, 0x66, 0x6F, 0x6F, 0xFF], 6),
    ];

    public static void ShouldEqual(MarketEvent actual, MarketEvent expected)
    {
        actual.Kind.Should().Be(expected.Kind);
        (actual.SymbolId, actual.ExchangeTimeNs, actual.LocalTimeNs).Should().Be((expected.SymbolId, expected.ExchangeTimeNs, expected.LocalTimeNs));
        switch (expected.Kind)
        {
            case MarketEventKind.Trade:
                (actual.Price, actual.Quantity, actual.Side, actual.TradeId).Should().Be((expected.Price, expected.Quantity, expected.Side, expected.TradeId));
                break;
            case MarketEventKind.BookTicker:
                (actual.BidPrice, actual.BidQuantity, actual.AskPrice, actual.AskQuantity, actual.UpdateId).Should().Be(
                    (expected.BidPrice, expected.BidQuantity, expected.AskPrice, expected.AskQuantity, expected.UpdateId));
                break;
            case MarketEventKind.DepthSnapshot:
            case MarketEventKind.DepthDiff:
                (actual.FirstUpdateId, actual.LastUpdateId).Should().Be((expected.FirstUpdateId, expected.LastUpdateId));
                actual.Levels.Bids.ToArray().Should().Equal(expected.Levels.Bids.ToArray());
                actual.Levels.Asks.ToArray().Should().Equal(expected.Levels.Asks.ToArray());
                break;
            case MarketEventKind.Kline:
                (actual.OpenTimeNs, actual.IntervalSeconds, actual.Open, actual.High, actual.Low, actual.Close, actual.Volume, actual.QuoteVolume).Should().Be(
                    (expected.OpenTimeNs, expected.IntervalSeconds, expected.Open, expected.High, expected.Low, expected.Close, expected.Volume, expected.QuoteVolume));
                break;
            case MarketEventKind.RawFrame:
                actual.FrameTag.Should().Be(expected.FrameTag);
                actual.Payload.ToArray().Should().Equal(expected.Payload.ToArray());
                break;
            default:
                throw new InvalidOperationException($"unexpected kind {expected.Kind}");
        }
    }
}
