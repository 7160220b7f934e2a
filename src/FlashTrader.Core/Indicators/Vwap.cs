namespace FlashTrader.Core.Indicators;

/// <summary>
/// Volume-weighted average price, cumulative from an anchor: Σ(price·volume)/Σvolume, with a bar's price its
/// typical price (h+l+c)/3. Anchored either to the UTC day (resets at each 00:00 UTC) or to a session start
/// you pass in (inputs before it are ignored; <see cref="Reanchor"/> starts a new session). NaN until some
/// volume has traded since the anchor. Lookback 0.
/// </summary>
public sealed class Vwap : IBarIndicator
{
    private const long NanosPerDay = 86_400_000_000_000L;
    private readonly bool _utcDay;
    private long _anchorNs;
    private long _dayStartNs = long.MinValue;
    private double _priceVolume;
    private double _volume;
    private bool _started;

    private Vwap(bool utcDay, long anchorNs)
    {
        _utcDay = utcDay;
        _anchorNs = anchorNs;
    }

    public static Vwap AnchoredToUtcDay() => new(true, long.MinValue);

    public static Vwap AnchoredAt(long sessionStartUnixNs) => new(false, sessionStartUnixNs);

    public int Lookback => 0;

    public int OutputCount => 1;

    public bool IsReady => _started;

    public double Value { get; private set; } = double.NaN;

    /// <summary>Starts a new session at <paramref name="sessionStartUnixNs"/> (only for a session-anchored VWAP).</summary>
    public void Reanchor(long sessionStartUnixNs)
    {
        if (_utcDay)
        {
            throw new InvalidOperationException("a UTC-day VWAP re-anchors itself at midnight");
        }

        _anchorNs = sessionStartUnixNs;
        Restart();
    }

    /// <summary>Adds a trade or a bar's (price, volume) at <paramref name="timeNs"/>; returns the VWAP.</summary>
    public double Update(long timeNs, double price, double volume)
    {
        if (_utcDay)
        {
            long day = timeNs - (((timeNs % NanosPerDay) + NanosPerDay) % NanosPerDay);
            if (day != _dayStartNs)
            {
                _dayStartNs = day;
                Restart();
            }
        }
        else if (timeNs < _anchorNs)
        {
            return Value;
        }

        _started = true;
        _priceVolume += price * volume;
        _volume += volume;
        Value = _volume > 0 ? _priceVolume / _volume : double.NaN;
        return Value;
    }

    public void Update(in Bar bar) => Update(bar.OpenTimeNs, (bar.High + bar.Low + bar.Close) / 3.0, bar.Volume);

    public double GetOutput(int index) => Value;

    private void Restart()
    {
        _priceVolume = 0;
        _volume = 0;
        Value = double.NaN;
    }
}
