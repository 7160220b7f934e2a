namespace FlashTrader.Core.Backtesting;

/// <summary>The global trading session an instant falls in, by fixed UTC hour windows (see <see cref="TradingSessions"/>).</summary>
public enum TradingSession : byte
{
    Asia = 0,
    Europe = 1,
    Us = 2,
}

/// <summary>
/// A simple, fixed classification of UTC hours into sessions for reporting: Asia 21:00-07:59 (Sydney and Tokyo open
/// before midnight UTC), Europe 08:00-12:59, US 13:00-20:59. Every instant belongs to exactly one session; configurable
/// and overlapping sessions are the strategy work's concern.
/// </summary>
public static class TradingSessions
{
    public const int EuropeStartHour = 8;
    public const int UsStartHour = 13;
    public const int AsiaStartHour = 21;

    private const long NanosPerHour = 3_600_000_000_000L;

    public static TradingSession Classify(long unixNs)
    {
        long hour = ((unixNs / NanosPerHour) % 24 + 24) % 24;
        if (unixNs < 0 && unixNs % NanosPerHour != 0)
        {
            // Floor, not truncate, for instants before 1970.
            hour = (hour + 23) % 24;
        }

        return hour >= AsiaStartHour || hour < EuropeStartHour ? TradingSession.Asia
            : hour < UsStartHour ? TradingSession.Europe
            : TradingSession.Us;
    }

    public static string Name(TradingSession session) => session switch
    {
        TradingSession.Asia => "Asia",
        TradingSession.Europe => "Europe",
        _ => "US",
    };
}
