using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Pipeline;

/// <summary>
/// What the exchange sends back to the decision engine: execution reports, and watermarks saying "every report caused
/// by ticks up to <see cref="Sequence"/> (and orders sent after them) has been sent". While it has orders working, the
/// decision engine waits for the watermark of the previous tick before deciding again, so a replay decides on exactly
/// the same knowledge every time, however the threads are scheduled.
/// </summary>
public readonly record struct ExecutionFeedback(bool IsWatermark, long Sequence, ExecutionReport Report)
{
    public static ExecutionFeedback ForReport(in ExecutionReport report) => new(false, report.TickSequence, report);

    public static ExecutionFeedback Watermark(long sequence) => new(true, sequence, default);
}
