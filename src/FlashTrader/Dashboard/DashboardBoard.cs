using FlashTrader.Dashboard.Snapshots;

namespace FlashTrader.Dashboard;

/// <summary>
/// Where the stages post their latest immutable snapshots for the web side to read: one reference per view, swapped
/// whole, so a reader never sees a half-written state and no stage ever waits for a reader (no locks at all).
/// </summary>
public sealed class DashboardBoard
{
    private MarketSnapshot? _market;
    private SignalsSnapshot? _signals;
    private ScoresSnapshot? _scores;
    private DecisionLog? _decisions;
    private RiskSnapshot? _risk;
    private EquitySnapshot? _equity;
    private PortfolioSnapshot? _portfolio;
    private long _version;

    /// <summary>Rises with every publication: a pusher sends only when it moved.</summary>
    public long Version => Volatile.Read(ref _version);

    public MarketSnapshot? Market => Volatile.Read(ref _market);

    public SignalsSnapshot? Signals => Volatile.Read(ref _signals);

    public ScoresSnapshot? Scores => Volatile.Read(ref _scores);

    public DecisionLog? Decisions => Volatile.Read(ref _decisions);

    public RiskSnapshot? Risk => Volatile.Read(ref _risk);

    public EquitySnapshot? Equity => Volatile.Read(ref _equity);

    public PortfolioSnapshot? Portfolio => Volatile.Read(ref _portfolio);

    internal void Post(MarketSnapshot s) => Post(ref _market, s);

    internal void Post(SignalsSnapshot s) => Post(ref _signals, s);

    internal void Post(ScoresSnapshot s) => Post(ref _scores, s);

    internal void Post(DecisionLog s) => Post(ref _decisions, s);

    internal void Post(RiskSnapshot s) => Post(ref _risk, s);

    internal void Post(EquitySnapshot s) => Post(ref _equity, s);

    internal void Post(PortfolioSnapshot s) => Post(ref _portfolio, s);

    private void Post<T>(ref T? slot, T snapshot)
        where T : class
    {
        Volatile.Write(ref slot, snapshot);
        Interlocked.Increment(ref _version);
    }
}

/// <summary>The decision stage's part of the decisions view: each pair's net score and the engine's counters.</summary>
public sealed record ScoresSnapshot(IReadOnlyList<ScoreView> Scores, long Decisions, long Entries, long Exits, long SignalsSeen);

/// <summary>The risk stage's part of the decisions view: recent decisions with the gate's verdict, newest first.</summary>
public sealed record DecisionLog(IReadOnlyList<DecisionView> Recent);
