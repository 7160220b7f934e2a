using FlashTrader.Backtesting;
using FlashTrader.Cli;
using FlashTrader.Core.Configuration;

namespace FlashTrader.Optimisation;

/// <summary>
/// Runs trials in parallel on all cores, each a compact backtest (metrics only: no fills, trips or equity curve kept)
/// over the same read-only tape, and hands the outcomes on strictly in trial order. A worker may run ahead of the
/// oldest unfinished trial by at most <see cref="MaxPending"/> results, so memory stays bounded whatever the number
/// of trials, and the output is the same whatever the thread scheduling.
/// </summary>
public sealed class TrialRunner(BacktestSetup setup, ParameterSpace space, MarketTape tape, string objective, int workers)
{
    public int Workers { get; } = Math.Max(1, workers);

    public int MaxPending => Workers * 4;

    /// <summary>The most finished outcomes held at once, waiting for an earlier trial (at most <see cref="MaxPending"/>).</summary>
    public int PeakPending { get; private set; }

    public TrialOutcome Evaluate(Trial trial, BacktestWindow window)
    {
        FlashTraderOptions options;
        try
        {
            options = setup.Bind(trial.Settings(space));
        }
        catch (UsageException ex)
        {
            throw new UsageException($"trial {trial.Index} ({string.Join(", ", trial.Settings(space))}): {ex.Message}", ex);
        }

        BacktestResult result = new BacktestSimulation(options, keepDetail: false).Run(tape, window);
        return new TrialOutcome(trial, result.Metrics, Objective.Score(objective, result.Metrics));
    }

    /// <summary>Runs trials 0..count-1 of <paramref name="trialAt"/>, calling <paramref name="onOutcome"/> in order, on the caller's lock.</summary>
    public void Run(long count, Func<long, Trial> trialAt, BacktestWindow window, Action<TrialOutcome> onOutcome, Action<long, long>? progress = null)
    {
        var pending = new Dictionary<long, TrialOutcome>();
        using var room = new SemaphoreSlim(MaxPending, MaxPending);
        using var stop = new CancellationTokenSource();
        long next = -1;
        long written = 0;
        var gate = new object();
        Exception? failure = null;

        void Work()
        {
            while (true)
            {
                try
                {
                    room.Wait(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                long k = Interlocked.Increment(ref next);
                if (k >= count || Volatile.Read(ref failure) is not null)
                {
                    room.Release();
                    return;
                }

                TrialOutcome outcome;
                try
                {
                    outcome = Evaluate(trialAt(k), window);
                }
                catch (Exception ex)
                {
                    // Later trials may be waiting for room this one will never free: stop them all.
                    Interlocked.CompareExchange(ref failure, ex, null);
                    stop.Cancel();
                    return;
                }

                lock (gate)
                {
                    pending[k] = outcome;
                    PeakPending = Math.Max(PeakPending, pending.Count);
                    while (pending.Remove(written, out TrialOutcome? ready))
                    {
                        onOutcome(ready);
                        written++;
                        room.Release();
                        progress?.Invoke(written, count);
                    }
                }
            }
        }

        Task[] tasks = [.. Enumerable.Range(0, Workers).Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))];
        Task.WaitAll(tasks);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
    }
}
