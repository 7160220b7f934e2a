using System.Threading.Channels;
using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;

namespace FlashTrader.Pipeline;

/// <summary>
/// The bounded channels between the stages. Every forward channel waits when full (backpressure: market data is never
/// dropped, a dropped depth diff would corrupt the book). The feedback channel is unbounded so the loop
/// decision -> risk -> exchange -> decision can never deadlock on itself; it carries only reports and watermarks.
/// </summary>
public sealed class PipelineChannels
{
    public const int DefaultCapacity = 8192;

    public PipelineChannels(int capacity = DefaultCapacity)
    {
        Inbound = Bounded<InboundEvent>(capacity);
        Ticks = Bounded<MarketTick>(capacity);
        Signals = Bounded<SignalTick>(capacity);
        ToRisk = Bounded<TradingMessage>(capacity);
        ToExchange = Bounded<TradingMessage>(capacity);
        Feedback = Channel.CreateUnbounded<ExecutionFeedback>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    }

    public Channel<InboundEvent> Inbound { get; }

    public Channel<MarketTick> Ticks { get; }

    public Channel<SignalTick> Signals { get; }

    public Channel<TradingMessage> ToRisk { get; }

    public Channel<TradingMessage> ToExchange { get; }

    public Channel<ExecutionFeedback> Feedback { get; }

    /// <summary>Items waiting in each forward channel (for metrics and the dashboard).</summary>
    public (int Inbound, int Ticks, int Signals, int ToRisk, int ToExchange) Depths =>
        (Inbound.Reader.Count, Ticks.Reader.Count, Signals.Reader.Count, ToRisk.Reader.Count, ToExchange.Reader.Count);

    private static Channel<T> Bounded<T>(int capacity) => Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = true,
        AllowSynchronousContinuations = false,
    });
}
