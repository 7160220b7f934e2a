using FlashTrader.Core.Decisions;
using FlashTrader.Core.Instruments;
using FlashTrader.Dashboard.Snapshots;

namespace FlashTrader.Dashboard.Taps;

/// <summary>Rides on the decision stage's thread: posts each pair's net signal score and the engine's counters at the publish rate.</summary>
public sealed class DecisionTap
{
    private readonly DecisionEngine _engine;
    private readonly InstrumentSet _instruments;
    private readonly DashboardBoard _board;
    private PublishSchedule _schedule;

    public DecisionTap(DecisionEngine engine, InstrumentSet instruments, Core.Configuration.DashboardOptions options, DashboardBoard board)
    {
        _engine = engine;
        _instruments = instruments;
        _board = board;
        _schedule = new PublishSchedule(TimeSpan.FromMilliseconds(options.PublishIntervalMs));
    }

    public void PublishIfDue()
    {
        if (_schedule.IsDue())
        {
            Publish();
        }
    }

    public void Publish()
    {
        var scores = new List<ScoreView>(_instruments.Count);
        for (int s = 0; s < _instruments.Count; s++)
        {
            scores.Add(new ScoreView(_instruments[s].Symbol, _engine.Score(s)));
        }

        _board.Post(new ScoresSnapshot(scores, _engine.Decisions, _engine.Entries, _engine.Exits, _engine.SignalsSeen));
    }
}
