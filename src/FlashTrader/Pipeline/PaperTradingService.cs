using FlashTrader.Core.Instruments;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Dashboard.Taps;
using FlashTrader.Core.Sessions;
using FlashTrader.Reporting;
using FlashTrader.Storage.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>
/// Stage 5: the paper exchange. Fills go to fills.csv and, with their account state, into the SQLite store in one
/// transaction; when the input has drained it persists the final state and stops the host.
/// </summary>
public sealed class PaperTradingService(
    TradingPipeline pipeline,
    PipelineChannels channels,
    RunStatus status,
    FillsCsvWriter fillsCsv,
    PaperStateStore? store,
    RunSettings settings,
    IHostApplicationLifetime lifetime,
    ILogger<PaperTradingService> logger,
    ExchangeTap? dashboard = null,
    SessionPerformance? sessions = null)
    : PipelineStageService<TradingMessage, ExecutionFeedback>(channels.ToExchange, channels.Feedback, status, logger)
{
    private readonly List<ExecutionReport> _journal = pipeline.Exchange.Journal;
    private readonly InstrumentSet _instruments = pipeline.Instruments;

    protected override string StageName => "PaperTradingSystem";

    protected override void Handle(in TradingMessage item, List<ExecutionFeedback> outputs)
    {
        pipeline.Exchange.Handle(item, outputs);
        if (_journal.Count > 0)
        {
            RecordJournal();
        }
    }

    private void RecordJournal()
    {
        bool anyFill = false;
        foreach (ExecutionReport r in _journal)
        {
            dashboard?.Observe(r);
            if (r.IsFill)
            {
                anyFill = true;
                fillsCsv.Write(r);
                sessions?.OnFill(r);
                if (settings.LogTrades)
                {
                    logger.LogInformation(
                        "Fill {Symbol} {Side} {Quantity} @ {Price} ({Purpose}, order {OrderId}, {Liquidity})",
                        _instruments[r.SymbolId].Symbol, r.Side, r.LastQuantity, r.LastPrice, r.Purpose, r.OrderId, r.Liquidity.ToWire());
                }
            }
        }

        if (anyFill && store is not null)
        {
            store.Save(pipeline.Exchange.Exchange.Export(), pipeline.Decision.Engine.NextOrderId, _journal, _instruments);
        }

        _journal.Clear();
    }

    protected override void OnCompleted()
    {
        Status.LastEventTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        Status.AllocatedBytesAtEnd = GC.GetTotalAllocatedBytes(precise: true);
        Status.Gen0AtEnd = GC.CollectionCount(0);
        store?.Save(pipeline.Exchange.Exchange.Export(), pipeline.Decision.Engine.NextOrderId, [], _instruments);
        fillsCsv.Flush();
        dashboard?.Publish();
        lifetime.StopApplication();
    }

    protected override void OnBatchHandled() => dashboard?.PublishIfDue();
}
