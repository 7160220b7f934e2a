using FlashTrader.Core.Instruments;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Risk;
using FlashTrader.Dashboard.Taps;
using FlashTrader.Core.Sessions;
using FlashTrader.Reporting;
using FlashTrader.Storage.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Pipeline;

/// <summary>
/// Stage 5: the paper exchange. Whatever a message causes (the decision that reached it, every order transition and
/// fill) is journaled as it is handled and committed to SQLite with the account state and replay position in one
/// transaction for the messages handled since the last send, before their feedback leaves this stage, so nothing downstream ever acts on state a crash could lose. Fills also go to
/// fills.csv. When the input has drained it commits the final position and stops the host.
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
    SessionPerformance? sessions = null,
    string? replaySource = null,
    RiskStateHandoff? riskState = null)
    : PipelineStageService<OrderFlowItem, ExecutionFeedback>(channels.ToExchange, channels.Feedback, status, logger)
{
    private readonly List<ExecutionReport> _journal = pipeline.Exchange.Journal;
    private readonly List<JournaledDecision> _decisions = new(8);
    private readonly InstrumentSet _instruments = pipeline.Instruments;
    private RiskState? _committedRisk;
    private bool _uncommitted;

    // Ids the exchange has seen, not the decision engine's counter (which runs ahead): the persisted value is the same
    // in every replay, and an id decided but never received is free to use again (it was never sent).
    private long _nextOrderId = pipeline.Decision.Engine.NextOrderId;

    protected override string StageName => "PaperTradingSystem";

    protected override void Handle(in OrderFlowItem item, List<ExecutionFeedback> outputs)
    {
        switch (item.Kind)
        {
            case OrderFlowKind.Tick:
                pipeline.Exchange.OnTick(item.Tick, outputs);
                break;
            case OrderFlowKind.Message:
                Handle(item.Message, outputs);
                break;
            default:
                item.Release(); // the last stage to read the batch is done with it
                return;
        }

        if (_journal.Count > 0 || _decisions.Count > 0)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            RecordJournal();
            Status.Steady.AddJournalBytes(GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    private void Handle(in TradingMessage message, List<ExecutionFeedback> outputs)
    {
        pipeline.Exchange.Handle(message, outputs);
        if (message.Kind is TradingMessageKind.Order or TradingMessageKind.Rejected)
        {
            _decisions.Add(new JournaledDecision(message.Order, message.Kind == TradingMessageKind.Rejected ? message.Reason : RejectReason.None));
            _nextOrderId = Math.Max(_nextOrderId, message.Order.OrderId + 1);
        }
    }

    /// <summary>
    /// Before feedback leaves this stage, what the messages since the last send caused is committed in one transaction
    /// (the rows were appended as each message was handled): nothing downstream ever acts on state a crash could lose.
    /// </summary>
    protected override void BeforeSend()
    {
        if (_uncommitted || riskState?.Latest != _committedRisk)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            store?.Commit(pipeline.Exchange.Exchange, _nextOrderId, Position(), RiskToCommit());
            _uncommitted = false;
            Status.Steady.AddJournalBytes(GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    private void RecordJournal()
    {
        foreach (ExecutionReport r in _journal)
        {
            dashboard?.Observe(r);
            if (r.IsFill)
            {
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

        // The rows carry the position of the message that caused them; the commit comes before the next send.
        store?.Append(_decisions, _journal, _instruments, Position().Sequence);
        _uncommitted = true;
        _journal.Clear();
        _decisions.Clear();
    }

    protected override void OnCompleted()
    {
        Status.LastEventTimestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        Status.AllocatedBytesAtEnd = GC.GetTotalAllocatedBytes(precise: true);
        Status.Gen0AtEnd = GC.CollectionCount(0);
        Status.Steady.Finish(pipeline.MarketState.Events);
        store?.Commit(pipeline.Exchange.Exchange, Math.Max(_nextOrderId, pipeline.Decision.Engine.NextOrderId), Position(), RiskToCommit());
        _uncommitted = false;
        fillsCsv.Flush();
        dashboard?.Publish();
        lifetime.StopApplication();
    }

    /// <summary>
    /// The replay position the commit stands for: during a resumed replay's catch-up, the journaled one it resumes after
    /// (everything up to it is already journaled), never the catch-up tick, which would send the next restart back to
    /// events already traded on.
    /// </summary>
    private ReplayMark Position() => new(replaySource, Math.Max(pipeline.Exchange.LastTickSequence, pipeline.Exchange.CatchUpUntil));

    /// <summary>The risk state published since the last commit (journaled with this one), or null when it has not changed.</summary>
    private RiskState? RiskToCommit()
    {
        RiskState? latest = riskState?.Latest;
        if (latest == _committedRisk)
        {
            return null;
        }

        _committedRisk = latest;
        return latest;
    }

    protected override bool IsWarmPass(Batch<OrderFlowItem> batch) => OrderFlowItem.IsReleasesOnly(batch);

    protected override void OnBatchHandled() => dashboard?.PublishIfDue();
}
