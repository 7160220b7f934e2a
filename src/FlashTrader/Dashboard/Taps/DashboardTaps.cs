namespace FlashTrader.Dashboard.Taps;

/// <summary>The dashboard's observers on the five stages; registered only when the dashboard is enabled.</summary>
public sealed record DashboardTaps(MarketTap Market, SignalTap Signals, DecisionTap Decisions, RiskTap Risk, ExchangeTap Exchange);
