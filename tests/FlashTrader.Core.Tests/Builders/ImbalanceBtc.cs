using FlashTrader.Core.Configuration;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;

namespace FlashTrader.Core.Tests.Builders;

/// <summary>
/// The pipeline specs' market: BTCUSDC alone, 10,000 USDC, only the imbalance strategy at a 0.5 threshold evaluated on
/// every event, entry score 0.5, no slippage. Bids 7 against asks 1 make an imbalance of 0.75: a buy signal of strength
/// exactly 0.5, which meets the entry score.
/// </summary>
internal static class ImbalanceBtc
{
    /// <summary>The options, with orders and reports travelling instantly unless a test says otherwise.</summary>
    public static FlashTraderOptions Options(bool withLatency = false)
    {
        FlashTraderOptions options = withLatency ? TestOptions.Default() : TestOptions.Default().WithoutLatency();
        options.Execution.EntryScore = 0.5;
        options.TradingPairs = [TestOptions.Btc()];
        options.SignalGeneration.Strategies = ["imbalance"];
        options.SignalGeneration.ImbalanceThreshold = 0.5;
        options.SignalGeneration.SignalIntervalMs = 0;
        options.PaperTrading.SimulateSlippage = false;
        return options;
    }

    /// <summary>The reports of the events processed since the last drain, in order.</summary>
    public static List<ExecutionReport> Drain(this TradingPipeline pipeline)
    {
        List<ExecutionReport> reports = [.. pipeline.Exchange.Journal];
        pipeline.Exchange.Journal.Clear();
        return reports;
    }
}
