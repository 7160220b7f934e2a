using FlashTrader.Core.Configuration;
using FlashTrader.Mexc.Simulator.Faults;

namespace FlashTrader.Mexc.Simulator;

/// <summary>How to run a simulator: what it replays, under which names, how fast, and the exchange's limits.</summary>
public sealed record SimulatorOptions
{
    public const string DefaultApiKey = "mx0vglSIMULATOR0000000000000000001";
    public const string DefaultApiSecret = "f1a5b7c4e2d3f1a5b7c4e2d3f1a5b7c4";

    /// <summary>The recording replayed as the market.</summary>
    public required string RecordingPath { get; init; }

    /// <summary>The symbols served and their rules; a pair's SourceSymbols name the recorded symbols that feed it.</summary>
    public required IReadOnlyList<TradingPairOptions> Pairs { get; init; }

    /// <summary>The account's starting balances.</summary>
    public IReadOnlyDictionary<string, decimal> InitialBalances { get; init; } = new Dictionary<string, decimal>();

    /// <summary>127.0.0.1 port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Replay pace: 1 = real time; null = as fast as the slowest subscriber takes it.</summary>
    public double? Speed { get; init; } = 1.0;

    /// <summary>
    /// Shift every served time so the replay starts at the server clock's now: pushes and REST data look live (for a
    /// client that compares exchange time with its own clock). Off: times as recorded.
    /// </summary>
    public bool LiveTimes { get; init; }

    /// <summary>
    /// Push every recorded event on its own, at its own time, instead of MEXC's 10/100 ms aggregation: each depth diff
    /// with its recorded versions, one trade per deals push, every book ticker; no kline pushes (a recording has none
    /// to send). The first pass starts at the recording's first event once every symbol's depth channel has a
    /// subscriber; each book syncs from the recording's own snapshot, and the replay holds there until a client has
    /// fetched it (GET depth waits for it), so a client syncs where a replay of the recording does. For parity
    /// between the live path and a replay of the same recording.
    /// </summary>
    public bool Unaggregated { get; init; }

    /// <summary>Start over at the end of the recording (versions and times keep increasing).</summary>
    public bool Loop { get; init; }

    /// <summary>False: the books are synced and served, but the replay waits for <see cref="MexcSimulator.StartReplay"/>.</summary>
    public bool AutoStart { get; init; } = true;

    public FaultPlan Faults { get; init; } = FaultPlan.None;

    public string ApiKey { get; init; } = DefaultApiKey;

    public string ApiSecret { get; init; } = DefaultApiSecret;

    public int MaxSubscriptions { get; init; } = 30;

    /// <summary>A connection without any subscription is closed after this long (MEXC: 30 s).</summary>
    public TimeSpan SubscriptionGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A connection without client messages is closed after this long (MEXC: 60 s).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest a connection lives (MEXC: 24 h).</summary>
    public TimeSpan ConnectionLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long a listen key lives without a keep-alive (MEXC: 60 min).</summary>
    public TimeSpan ListenKeyValidity { get; init; } = TimeSpan.FromMinutes(60);

    /// <summary>The server clock (GET /time, signatures, order times); faults skew it.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}
