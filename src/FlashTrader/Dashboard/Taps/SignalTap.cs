using FlashTrader.Core.Configuration;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Signals;
using FlashTrader.Dashboard.Snapshots;
using FlashTrader.Storage.State;

namespace FlashTrader.Dashboard.Taps;

/// <summary>
/// Rides on the signal stage's thread: keeps the newest signals and the latest strength per pair and strategy (the
/// heat map), allocation-free per tick, and posts a <see cref="SignalsSnapshot"/> at the publish rate.
/// </summary>
public sealed class SignalTap
{
    private readonly InstrumentSet _instruments;
    private readonly IReadOnlyList<string> _strategies;
    private readonly DashboardBoard _board;
    private readonly RecentRing<Signal, SignalView> _recent;
    private readonly Signal[] _latest;
    private readonly bool[] _has;
    private PublishSchedule _schedule;
    private long _total;
    private long _published = -1;

    public SignalTap(InstrumentSet instruments, SignalGenerator generator, DashboardOptions options, DashboardBoard board)
    {
        _instruments = instruments;
        _strategies = generator.StrategyNames;
        _board = board;
        _recent = new RecentRing<Signal, SignalView>(options.RecentItems, View);
        _latest = new Signal[instruments.Count * Math.Max(1, _strategies.Count)];
        _has = new bool[_latest.Length];
        _schedule = new PublishSchedule(TimeSpan.FromMilliseconds(options.PublishIntervalMs));
    }

    public void Observe(in SignalTick tick)
    {
        for (int i = 0; i < tick.Signals.Count; i++)
        {
            Signal signal = tick.Signals[i];
            _recent.Add(signal);
            int cell = (signal.SymbolId * _strategies.Count) + signal.Source;
            _latest[cell] = signal;
            _has[cell] = true;
            _total++;
        }
    }

    public void PublishIfDue()
    {
        if (_schedule.IsDue() && _published != _total)
        {
            Publish();
        }
    }

    public void Publish()
    {
        _published = _total;
        List<SignalView> recent = _recent.NewestFirst();
        var heat = new List<HeatCell>(_latest.Length);
        for (int s = 0; s < _instruments.Count; s++)
        {
            for (int k = 0; k < _strategies.Count; k++)
            {
                int cell = (s * _strategies.Count) + k;
                Signal latest = _latest[cell];
                heat.Add(_has[cell]
                    ? new HeatCell(_instruments[s].Symbol, _strategies[k], latest.Side == Side.Buy ? latest.Strength : -latest.Strength, latest.ExchangeTimeNs / 1_000_000)
                    : new HeatCell(_instruments[s].Symbol, _strategies[k], 0, 0));
            }
        }

        _board.Post(new SignalsSnapshot(_strategies, recent, heat, _total, DateTimeOffset.UtcNow));
    }

    private SignalView View(Signal s) =>
        new(s.ExchangeTimeNs / 1_000_000, _instruments[s.SymbolId].Symbol, _strategies[s.Source], EnumText<Side>.Name(s.Side), s.Strength, s.Price.ToDecimal());
}
