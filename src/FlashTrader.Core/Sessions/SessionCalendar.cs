using FlashTrader.Core.Configuration;

namespace FlashTrader.Core.Sessions;

/// <summary>
/// The global trading sessions (by default Asia 00:00-09:00, Europe 07:00-16:00 and US 13:00-22:00 UTC; all
/// configurable, custom ones added) and which are active at an instant: a pure function of UTC time, returned as a
/// bit mask (bit i = window i), so overlaps such as Europe+US are simply two bits. Allocation-free.
/// </summary>
public sealed class SessionCalendar
{
    public const int MaxSessions = 30;

    /// <summary>Label of an instant outside every session.</summary>
    public const string OffHours = "off-hours";

    private readonly SessionWindow[] _windows;
    private readonly string[] _labels;

    public SessionCalendar(IEnumerable<SessionWindow> windows)
    {
        _windows = [.. windows.OrderBy(w => w.StartNs).ThenBy(w => w.Name, StringComparer.Ordinal)];
        if (_windows.Length > MaxSessions)
        {
            throw new ArgumentException($"at most {MaxSessions} sessions", nameof(windows));
        }

        foreach (IGrouping<string, SessionWindow> twice in _windows.GroupBy(w => w.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new ArgumentException($"session '{twice.Key}' is defined twice", nameof(windows));
        }

        // Labels of every mask that can occur, precomputed so reporting an instant's session allocates nothing.
        _labels = new string[1 << Math.Min(_windows.Length, 10)];
        for (uint mask = 0; mask < _labels.Length; mask++)
        {
            _labels[mask] = BuildLabel(mask);
        }
    }

    public static SessionWindow[] DefaultWindows { get; } =
    [
        new("asia", 0, 9 * 3_600_000_000_000L),
        new("europe", 7 * 3_600_000_000_000L, 16 * 3_600_000_000_000L),
        new("us", 13 * 3_600_000_000_000L, 22 * 3_600_000_000_000L),
    ];

    public static SessionCalendar Default { get; } = new(DefaultWindows);

    /// <summary>The configured calendar; a bad window is an error naming its key (Sessions:Windows:name).</summary>
    public static SessionCalendar From(SessionOptions options)
    {
        var windows = new List<SessionWindow>();
        foreach ((string name, string text) in options.Windows.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue; // a default session switched off
            }

            if (!SessionWindow.TryParse(name, text, out SessionWindow window, out string problem))
            {
                throw new ArgumentException($"Sessions:Windows:{name}: {problem}", nameof(options));
            }

            windows.Add(window);
        }

        return new SessionCalendar(windows);
    }

    /// <summary>The windows, ordered by start time (then name): bit i of a mask is window i.</summary>
    public IReadOnlyList<SessionWindow> Windows => _windows;

    /// <summary>Index (bit) of the named session, or -1.</summary>
    public int IndexOf(string name) => Array.FindIndex(_windows, w => w.Name == name);

    /// <summary>The sessions active at <paramref name="utcNs"/> (Unix nanoseconds, UTC).</summary>
    public uint ActiveAt(long utcNs)
    {
        long timeOfDay = utcNs % SessionWindow.NanosPerDay;
        if (timeOfDay < 0)
        {
            timeOfDay += SessionWindow.NanosPerDay;
        }

        uint mask = 0;
        for (int i = 0; i < _windows.Length; i++)
        {
            if (_windows[i].Contains(timeOfDay))
            {
                mask |= 1u << i;
            }
        }

        return mask;
    }

    /// <summary>The first instant after <paramref name="utcNs"/> at which the active set may change (a window edge).</summary>
    public long NextBoundaryAfter(long utcNs)
    {
        long day = utcNs - (((utcNs % SessionWindow.NanosPerDay) + SessionWindow.NanosPerDay) % SessionWindow.NanosPerDay);
        long best = day + SessionWindow.NanosPerDay;
        foreach (SessionWindow w in _windows)
        {
            foreach (long edge in (ReadOnlySpan<long>)[w.StartNs, w.EndNs % SessionWindow.NanosPerDay])
            {
                long at = day + edge;
                if (at <= utcNs)
                {
                    at += SessionWindow.NanosPerDay;
                }

                best = Math.Min(best, at);
            }
        }

        return best;
    }

    /// <summary>"asia", "europe+us", or "off-hours": sessions joined with '+' in start order.</summary>
    public string Label(uint mask) => mask < _labels.Length ? _labels[mask] : BuildLabel(mask);

    private string BuildLabel(uint mask)
    {
        var names = new List<string>();
        for (int i = 0; i < _windows.Length; i++)
        {
            if ((mask & (1u << i)) != 0)
            {
                names.Add(_windows[i].Name);
            }
        }

        return names.Count == 0 ? OffHours : string.Join('+', names);
    }
}
