using FlashTrader.Core.Backtesting;

namespace FlashTrader.Optimisation;

/// <summary>A trial's parameters, metrics and objective score.</summary>
public sealed record TrialOutcome(Trial Trial, PerformanceMetrics Metrics, double Objective);
