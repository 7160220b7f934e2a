using FlashTrader.Core.Backtesting;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Pipeline;

namespace FlashTrader.Backtesting;

/// <summary>What one backtest produced. The detail lists are empty for the optimiser's compact runs.</summary>
public sealed class BacktestResult
{
    public required PerformanceMetrics Metrics { get; init; }

    public required TradingPipeline Pipeline { get; init; }

    public required long Events { get; init; }

    public required long StartNs { get; init; }

    public required long EndNs { get; init; }

    public IReadOnlyList<ExecutionReport> Fills { get; init; } = [];

    public IReadOnlyList<RoundTrip> Trips { get; init; } = [];

    /// <summary>Positions still open at the end, valued up to the last event (not trades).</summary>
    public IReadOnlyList<RoundTrip> OpenPositions { get; init; } = [];

    public IReadOnlyList<EquityPoint> Equity { get; init; } = [];

    public IReadOnlyList<PricePoint> Prices { get; init; } = [];
}
