using FlashTrader.Core.Configuration;
using FlashTrader.Core.Pipeline;
using FlashTrader.Dashboard.Taps;
using Microsoft.Extensions.DependencyInjection;

namespace FlashTrader.Dashboard;

/// <summary>Adds the dashboard to the bot's host: the board, the taps on the five stages, and the web server. Nothing when disabled.</summary>
public static class DashboardHosting
{
    public static void Register(IServiceCollection services, TradingPipeline pipeline, FlashTraderOptions options)
    {
        if (!options.Dashboard.Enabled)
        {
            return;
        }

        DashboardOptions dashboard = options.Dashboard;
        var board = new DashboardBoard();
        var taps = new DashboardTaps(
            new MarketTap(pipeline.MarketState, dashboard, board),
            new SignalTap(pipeline.Instruments, pipeline.Signals, dashboard, board),
            new DecisionTap(pipeline.Decision.Engine, pipeline.Instruments, dashboard, board),
            new RiskTap(pipeline.Risk, pipeline.Instruments, pipeline.Signals, options.Execution, dashboard, board),
            new ExchangeTap(pipeline.Exchange.Exchange, dashboard, board));

        // A first snapshot of every view before the stages' threads start (so this thread may still read their state):
        // the page never sees an empty board.
        taps.Market.Publish();
        taps.Signals.Publish();
        taps.Decisions.Publish();
        taps.Risk.Publish();
        taps.Exchange.Publish();
        services.AddSingleton(board);
        services.AddSingleton(taps);
        services.AddSingleton(taps.Exchange);
        services.AddHostedService<DashboardServer>();
    }
}
