using System.Diagnostics;
using System.Text.Json;
using FlashTrader.Control;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Control;
using FlashTrader.Dashboard.Snapshots;
using FlashTrader.Pipeline;
using FlashTrader.Strategies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashTrader.Dashboard;

/// <summary>
/// The JSON API the page itself uses (documented in README, "Dashboard"). Reads only the board's immutable snapshots
/// and thread-safe counters; controls go through the <see cref="ControlInbox"/>, so they reach the pipeline in-band.
/// </summary>
public sealed class DashboardApi(DashboardBoard board, ControlInbox inbox, PipelineChannels channels, RunStatus status, RunSettings settings,
    FlashTraderOptions options, ILogger logger, StrategyDesk? desk = null)
{
    private static readonly DateTime ProcessStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public void Map(IEndpointRouteBuilder app, IHostApplicationLifetime lifetime)
    {
        app.MapGet("/api/status", Status);
        app.MapGet("/api/market", () => board.Market);
        app.MapGet("/api/balances", () => board.Portfolio?.Balances ?? []);
        app.MapGet("/api/positions", () => board.Portfolio?.Positions ?? []);
        app.MapGet("/api/orders", () => board.Portfolio?.Orders ?? []);
        app.MapGet("/api/fills", () => board.Portfolio?.Fills ?? []);
        app.MapGet("/api/portfolio", () => board.Portfolio);
        app.MapGet("/api/equity", () => board.Equity);
        app.MapGet("/api/signals", () => board.Signals);
        app.MapGet("/api/decisions", Decisions);
        app.MapGet("/api/risk", () => board.Risk);
        app.MapGet("/api/candles", (string? symbol, string? tf) => Candles(symbol, tf));
        app.MapGet("/api/stream", (HttpContext context, string? symbol, string? tf) => StreamAsync(context, symbol, tf, lifetime.ApplicationStopping));
        app.MapPost("/api/control/pause", (HttpContext c) => Control(c, ControlAction.PauseEntries));
        app.MapPost("/api/control/resume", (HttpContext c) => Control(c, ControlAction.ResumeEntries));
        app.MapPost("/api/control/kill", (HttpContext c) => Control(c, ControlAction.KillSwitch));
        app.MapPost("/api/risk/limits", (Delegate)ChangeLimits);
        if (desk is not null)
        {
            app.MapGet("/api/strategies", desk.View);
            app.MapPost("/api/strategies/{name}/parameters", (HttpContext c, string name) => WithBody(c, body => desk.SetParameters(name, body, Origin(c))));
            app.MapPost("/api/strategies/{name}/switch", (HttpContext c, string name) => WithBody(c, body => desk.Switch(name, FileOf(body), Origin(c))));
            app.MapPost("/api/strategies/{name}/enable", (HttpContext c, string name) => Answer(desk.SetEnabled(name, true, Origin(c))));
            app.MapPost("/api/strategies/{name}/disable", (HttpContext c, string name) => Answer(desk.SetEnabled(name, false, Origin(c))));
            app.MapPost("/api/strategy-files/{file}/enable", (HttpContext c, string file) => Answer(desk.EnableFile(file, Origin(c))));
        }
    }

    private static string Origin(HttpContext context) => $"dashboard ({context.Connection.RemoteIpAddress})";

    private static string FileOf(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("file", out JsonElement f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : string.Empty;

    private static async Task<IResult> WithBody(HttpContext context, Func<JsonElement, IReadOnlyList<StrategyChangeError>> change)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Results.BadRequest(new { error = $"body is not valid JSON: {ex.Message}", errors = Array.Empty<StrategyChangeError>() });
        }

        return Answer(change(body));
    }

    private static IResult Answer(IReadOnlyList<StrategyChangeError> errors) =>
        errors.Count == 0
            ? Results.Accepted(value: new { accepted = true, note = "applied in-band before the next market event" })
            : Results.BadRequest(new { error = "invalid strategy change", errors });

    public StatusSnapshot Status()
    {
        MarketSnapshot? market = board.Market;
        RiskSnapshot? risk = board.Risk;
        long last = market?.LastEventTimestamp ?? 0;
        (int inbound, int ticks, int signals, int toRisk, int toExchange) = channels.Depths;
        bool halted = risk?.Halted ?? false;
        string state = status.SourceCompleted || status.SourceStopping.IsCancellationRequested ? "stopped" : halted ? "halted" : "running";
        return new StatusSnapshot(
            state,
            halted,
            risk?.HaltReason,
            "paper",
            settings.Replay is null ? "live MEXC " + options.Mexc.WsUrl : "replay " + Path.GetFileName(settings.Replay),
            status.FirstEventTimestamp != 0 && !status.SourceCompleted,
            last == 0 ? null : Math.Round(Stopwatch.GetElapsedTime(last).TotalMilliseconds, 1),
            status.LiveFeedNow?.Invoke() ?? status.LiveFeed,
            market?.Events ?? 0,
            Math.Round(market?.EventsPerSecond ?? 0, 1),
            market?.Symbols.Select(s => new BookStatusView(s.Symbol, s.BookState, s.Tradeable, s.Resyncs, s.Gaps)).ToList() ?? [],
            new ChannelDepthsView(inbound, ticks, signals, toRisk, toExchange),
            risk?.DecisionLatency ?? new LatencyView(0, 0, 0, 0),
            status.Errors,
            status.FaultedStage,
            Math.Round((DateTime.UtcNow - ProcessStart).TotalSeconds, 1),
            DateTimeOffset.UtcNow);
    }

    public DecisionsSnapshot Decisions()
    {
        ScoresSnapshot? scores = board.Scores;
        return new DecisionsSnapshot(
            board.Decisions?.Recent ?? [],
            scores?.Scores ?? [],
            scores?.Decisions ?? 0,
            scores?.Entries ?? 0,
            scores?.Exits ?? 0,
            scores?.SignalsSeen ?? 0,
            options.Execution.EntryScore,
            desk?.EnabledLineup() ?? [],
            DateTimeOffset.UtcNow);
    }

    private IResult Candles(string? symbol, string? tf)
    {
        MarketSnapshot? market = board.Market;
        SymbolMarketView? view = market?.Symbols.FirstOrDefault(s => s.Symbol.Equals(symbol, StringComparison.OrdinalIgnoreCase));
        if (view is null)
        {
            string known = string.Join(", ", market?.Symbols.Select(s => s.Symbol) ?? []);
            return Results.BadRequest(new { error = $"symbol: '{symbol}' is not a traded pair (known: {known})" });
        }

        if (tf is null || !view.Candles.TryGetValue(tf, out CandleSeriesView? series))
        {
            return Results.BadRequest(new { error = $"tf: '{tf}' is not a dashboard timeframe (known: {string.Join(", ", view.Candles.Keys)})" });
        }

        return Results.Ok(series);
    }

    /// <summary>
    /// Server-Sent Events: the whole page state, conflated to one message per publish interval and only when a stage
    /// published something new. Each client has its own loop reading snapshots, so a slow browser delays only itself.
    /// </summary>
    private async Task StreamAsync(HttpContext context, string? symbol, string? tf, CancellationToken stopping)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var interval = TimeSpan.FromMilliseconds(Math.Max(options.Dashboard.PublishIntervalMs, 250));
        long sent = -1;
        try
        {
            while (!cts.IsCancellationRequested)
            {
                long version = board.Version;
                if (version != sent)
                {
                    sent = version;
                    MarketSnapshot? market = board.Market;
                    SymbolMarketView? chart = market?.Symbols.FirstOrDefault(s => s.Symbol.Equals(symbol, StringComparison.OrdinalIgnoreCase)) ?? (market is { Symbols.Count: > 0 } ? market.Symbols[0] : null);
                    CandleSeriesView? candles = chart is not null && chart.Candles.TryGetValue(tf ?? "1m", out CandleSeriesView? c) ? c : null;
                    var update = new
                    {
                        version,
                        status = Status(),
                        market,
                        candles = chart is null ? null : new { symbol = chart.Symbol, series = candles },
                        signals = board.Signals,
                        decisions = Decisions(),
                        risk = board.Risk,
                        equity = board.Equity,
                        portfolio = board.Portfolio,
                    };
                    await context.Response.WriteAsync("event: update\ndata: ", cts.Token).ConfigureAwait(false);
                    await JsonSerializer.SerializeAsync(context.Response.Body, update, DashboardJson.Options, cts.Token).ConfigureAwait(false);
                    await context.Response.WriteAsync("\n\n", cts.Token).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(cts.Token).ConfigureAwait(false);
                }

                await Task.Delay(interval, cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away or the bot is stopping.
        }
    }

    private IResult Control(HttpContext context, ControlAction action)
    {
        inbox.Submit(new ControlCommand(action, "dashboard"));
        logger.LogWarning("Dashboard: {Action} requested from {Remote}", action, context.Connection.RemoteIpAddress);
        return Results.Accepted(value: new { accepted = action.ToString(), note = "applied in-band before the next market event" });
    }

    private async Task<IResult> ChangeLimits(HttpContext context)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Results.BadRequest(new { error = $"body is not valid JSON: {ex.Message}" });
        }

        // The limits in force as the risk stage last published them; the stage swaps them whole, in-band.
        RiskOptions current = CurrentLimits();
        if (!RiskLimitsChange.TryApply(current, body, out RiskOptions changed, out IReadOnlyList<ConfigurationError> errors))
        {
            return Results.BadRequest(new { error = "invalid risk limits", errors = errors.Select(e => new { key = e.Key, rule = e.Rule }) });
        }

        inbox.Submit(new ControlCommand(ControlAction.SetRiskLimits, "dashboard", changed));
        logger.LogWarning(
            "Audit: risk limits change requested from {Remote}: Risk:MaxDrawdownPercent {OldMaxDrawdownPercent} -> {NewMaxDrawdownPercent}, Risk:DailyLossLimit {OldDailyLossLimit} -> {NewDailyLossLimit}",
            context.Connection.RemoteIpAddress, current.MaxDrawdownPercent, changed.MaxDrawdownPercent, current.DailyLossLimit, changed.DailyLossLimit);
        return Results.Accepted(value: new
        {
            old = new { current.MaxDrawdownPercent, current.DailyLossLimit },
            @new = new { changed.MaxDrawdownPercent, changed.DailyLossLimit },
            note = "applied in-band before the next market event",
        });
    }

    private RiskOptions CurrentLimits()
    {
        RiskSnapshot? risk = board.Risk;
        LimitView? drawdown = risk?.Limits.FirstOrDefault(l => l.Key == "Risk:MaxDrawdownPercent");
        LimitView? daily = risk?.Limits.FirstOrDefault(l => l.Key == "Risk:DailyLossLimit");
        return new RiskOptions
        {
            MaxDrawdownPercent = drawdown is null ? options.Risk.MaxDrawdownPercent : (double)drawdown.Limit,
            DailyLossLimit = daily?.Limit ?? options.Risk.DailyLossLimit,
        };
    }
}
