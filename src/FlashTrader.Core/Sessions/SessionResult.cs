namespace FlashTrader.Core.Sessions;

/// <summary>Trading results attributed to one session label: positions are credited to the session they were opened in.</summary>
public sealed class SessionResult
{
    public long Fills { get; internal set; }

    /// <summary>Positions opened in this session and closed back to flat.</summary>
    public long RoundTrips { get; internal set; }

    /// <summary>Round trips whose proceeds exceeded cost plus fees.</summary>
    public long Wins { get; internal set; }

    /// <summary>Sell proceeds minus the average cost of what was sold (before fees).</summary>
    public decimal RealizedPnl { get; internal set; }

    public decimal Fees { get; internal set; }
}
