using FlashTrader.Cli;
using FlashTrader.Control;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Execution;
using FlashTrader.Core.Pipeline;
using FlashTrader.Core.Risk;
using FlashTrader.Dashboard;
using FlashTrader.Dashboard.Taps;
using FlashTrader.Core.Sessions;
using FlashTrader.Core.Signals;
using FlashTrader.Core.Strategies;
using FlashTrader.Pipeline;
using FlashTrader.Reporting;
using FlashTrader.Sources;
using FlashTrader.Strategies;
using FlashTrader.Storage.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog.Extensions.Logging;

namespace FlashTrader.Hosting;

/// <summary>
/// The composition root of the run command: configuration, secrets, logging, the persisted paper account, the
/// pipeline's stages as BackgroundServices over channels, and the summary at exit.
/// </summary>
public static class BotRunner
{
    public static async Task<int> RunAsync(RunSettings settings, TextWriter stdout)
    {
        IConfigurationRoot configuration = ConfigurationLoader.Build(settings.ConfigFile, settings.Settings);
        FlashTraderOptions options = ConfigurationLoader.Bind(configuration);
        MexcCredentials credentials = LoadCredentials(settings.EnvFile);
        if (settings.Replay is not null && !File.Exists(settings.Replay))
        {
            throw new UsageException($"--replay: recording not found: {settings.Replay}");
        }

        Directory.CreateDirectory(options.System.DataDirectory);
        Serilog.ILogger serilog = Logging.Create(options.System, configuration);
        using var loggerFactory = new SerilogLoggerFactory(serilog, dispose: true);
        ILogger log = loggerFactory.CreateLogger("FlashTrader");
        var warnings = new List<string>();
        log.LogInformation("FlashTrader starting: paper trading {Pairs}; API credentials {Credentials}", string.Join(", ", options.TradingPairs.Where(p => p.Enabled).Select(p => p.Symbol)), credentials.IsPresent ? "present" : "absent (not needed for paper trading)");

        PaperStateStore? store = options.PaperTrading.PersistState ? new PaperStateStore(Path.Combine(options.System.DataDirectory, "state", "paper.db")) : null;
        try
        {
            if (store is not null && store.OpenedAtVersion is > 0 and < PaperStateStore.SchemaVersion)
            {
                log.LogInformation("State database {Store} migrated from schema v{From} to v{To}", store.Path, store.OpenedAtVersion, PaperStateStore.SchemaVersion);
            }

            // A replay resumes after its last journaled event; live data has no position to resume from.
            string? replaySource = settings.Replay is null ? null : ReplaySource(settings.Replay);
            PersistedPaperAccount? persisted = PrepareAccount(store, options, settings.Reset, log, warnings);
            long warmFills = PipelineWarmUp.Run(options);
            log.LogDebug("Warm-up: the order path was compiled on a synthetic market ({Fills} fills there)", warmFills);
            int preparedMethods = HostedCodePreparation.Run();
            log.LogDebug("Warm-up: {Methods} methods of the hosted services compiled ahead", preparedMethods);
            StrategyLineup lineup = StrategyLineup.Load(options, log);
            SessionCalendar calendar = lineup.Calendar;
            StrategyCatalog catalog = lineup.Catalog;
            TradingPipeline pipeline = lineup.NewPipeline(options, TimeSource.Stopwatch, persisted?.State, persisted?.NextOrderId ?? 1);
            RestoreRiskState(store, persisted, pipeline, log);
            var inbox = new ControlInbox();
            var desk = new StrategyDesk(lineup, pipeline.Signals, inbox, options, loggerFactory.CreateLogger("FlashTrader.Strategies"));
            using StrategyFileWatcher? watcher = options.Strategies.Watch && desk.Folders.Count > 0
                ? new StrategyFileWatcher(desk, TimeSpan.FromMilliseconds(options.Strategies.DebounceMs))
                : null;
            var sessions = new SessionPerformance(calendar, pipeline.Instruments.Count);
            if (replaySource is not null && persisted is { ReplayPosition: > 0 } && persisted.ReplaySource == replaySource)
            {
                // The journal already holds everything up to this event: it is replayed to rebuild books and
                // indicators, never traded on again.
                pipeline.ResumeAfter(persisted.ReplayPosition);
                log.LogInformation("Resuming {Recording} after event {Position}, the last journaled one (--reset replays it from the start)", replaySource, persisted.ReplayPosition);
            }
            string fillsPath = Path.GetFullPath(Path.Combine(options.System.DataDirectory, "fills.csv"));
            using var fills = new FillsCsvWriter(fillsPath, pipeline.Instruments, catalog);
            HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Configuration = new ConfigurationManager() });
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new SerilogLoggerProvider(serilog));
            builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
            builder.Services.Configure<HostOptions>(o =>
            {
                o.ShutdownTimeout = TimeSpan.FromSeconds(30);
                o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost;
            });
            builder.Services.AddOptions<FlashTraderOptions>().Configure(o => configuration.Bind(o)).Validate(o => ConfigurationRules.Validate(o).Count == 0, "configuration rules").ValidateOnStart();
            builder.Services.AddSingleton(settings with { LogTrades = options.PaperTrading.LogTrades });
            builder.Services.AddSingleton(options);
            builder.Services.AddSingleton(credentials);
            builder.Services.AddSingleton(pipeline);
            builder.Services.AddSingleton(pipeline.Instruments);
            builder.Services.AddSingleton(PipelineChannels.For(settings, options.Pipeline.MaxSpeedThreads, Environment.ProcessorCount));
            builder.Services.AddSingleton<RunStatus>();
            builder.Services.AddSingleton(inbox);
            builder.Services.AddSingleton(desk);
            builder.Services.AddSingleton<RiskStateHandoff>();
            DashboardHosting.Register(builder.Services, pipeline, options);
            builder.Services.AddSingleton(new ControlDirectory(options.System.DataDirectory));
            builder.Services.AddHostedService<ControlFileWatcher>();
            builder.Services.AddSingleton(fills);
            builder.Services.AddHostedService<MarketStateService>();
            builder.Services.AddHostedService<SignalGeneratorService>();
            builder.Services.AddHostedService<DecisionEngineService>();
            builder.Services.AddHostedService<RiskManagerService>();
            builder.Services.AddHostedService(sp => new PaperTradingService(
                pipeline, sp.GetRequiredService<PipelineChannels>(), sp.GetRequiredService<RunStatus>(), fills, store,
                sp.GetRequiredService<RunSettings>(), sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<PaperTradingService>>(),
                sp.GetService<ExchangeTap>(), sessions, replaySource, sp.GetRequiredService<RiskStateHandoff>()));
            if (settings.Replay is null)
            {
                builder.Services.AddHostedService<LiveMarketSource>();
            }
            else
            {
                builder.Services.AddHostedService<RecordingReplaySource>();
            }

            builder.Services.AddHostedService<RunSupervisor>();

            using IHost host = builder.Build();
            _ = host.Services.GetRequiredService<IOptions<FlashTraderOptions>>().Value;
            RunStatus status = host.Services.GetRequiredService<RunStatus>();
            using System.Runtime.InteropServices.PosixSignalRegistration? usr1 = KillSignal.Register(host.Services.GetRequiredService<ControlInbox>());
            await host.RunAsync().ConfigureAwait(false);

            if (status.SourceWarning is not null)
            {
                warnings.Add(status.SourceWarning);
            }

            RunSummary summary = RunSummaryBuilder.Build(pipeline, status, fills.Path, warnings, sessions);
            await stdout.WriteAsync(RunSummaryBuilder.ToConsoleText(summary)).ConfigureAwait(false);
            if (settings.SummaryFile is not null)
            {
                string? dir = Path.GetDirectoryName(Path.GetFullPath(settings.SummaryFile));
                if (dir is not null)
                {
                    Directory.CreateDirectory(dir);
                }

                await File.WriteAllTextAsync(settings.SummaryFile, summary.ToJson()).ConfigureAwait(false);
            }

            if (status.CorruptInput)
            {
                return ExitCode.CorruptData;
            }

            if (status.FirstFault is UsageException usage)
            {
                await Console.Error.WriteLineAsync("error: " + usage.Message).ConfigureAwait(false);
                return ExitCode.Usage;
            }

            return status.FirstFault is null ? ExitCode.Success : ExitCode.Failure;
        }
        finally
        {
            store?.Dispose();
        }
    }

    private static MexcCredentials LoadCredentials(string? envFile)
    {
        const string defaultPath = ".env-secure/.env";
        string path = envFile ?? defaultPath;
        IReadOnlyDictionary<string, string> values = new Dictionary<string, string>();
        if (File.Exists(path))
        {
            values = DotEnvFile.Read(path);
        }
        else if (envFile is not null)
        {
            throw new UsageException($"--env: file not found: {envFile}");
        }

        string? Get(string key) => Environment.GetEnvironmentVariable(key) ?? (values.TryGetValue(key, out string? v) ? v : null);
        return new MexcCredentials(Get("MEXC_API_KEY"), Get("MEXC_API_SECRET"));
    }

    /// <summary>Identifies a recording in the journal's replay position: its file name and length.</summary>
    private static string ReplaySource(string path) =>
        Path.GetFileName(path) + ":" + new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static PersistedPaperAccount? PrepareAccount(PaperStateStore? store, FlashTraderOptions options, bool reset, ILogger log, List<string> warnings)
    {
        if (store is null)
        {
            return null;
        }

        IReadOnlyDictionary<string, decimal> initial = options.PaperTrading.InitialBalance;
        PersistedPaperAccount? persisted = reset ? null : store.Load();
        if (persisted is null)
        {
            store.Reset(initial);
            log.LogInformation("Paper account {Action} at the initial balances ({Balances}) in {Store}", reset ? "reset" : "created", Describe(initial), store.Path);
            return null;
        }

        if (!SameBalances(persisted.InitialBalances, initial))
        {
            string warning = $"PaperTrading:InitialBalance changed since the paper account was created (was {Describe(persisted.InitialBalances)}, now {Describe(initial)}): " +
                "continuing with the persisted balances; run with --reset to start from the new ones";
            log.LogWarning("{Warning}", warning);
            warnings.Add(warning);
        }

        log.LogInformation("Paper account restored from {Store}: {Balances}, {Orders} open orders", store.Path,
            string.Join(", ", persisted.State.Balances.Select(kv => $"{kv.Key} {kv.Value.Free + kv.Value.Locked}")), persisted.State.OpenOrders.Count);
        return persisted;
    }

    /// <summary>A restart without --reset keeps the risk manager's halts, breakers, day, peak, streak and windows.</summary>
    private static void RestoreRiskState(PaperStateStore? store, PersistedPaperAccount? persisted, TradingPipeline pipeline, ILogger log)
    {
        if (store is null || persisted is null || store.LoadRiskState() is not { } state)
        {
            return;
        }

        RiskManager risk = pipeline.Risk.Risk;
        risk.RestoreState(state);
        log.LogInformation("Risk state restored from {Store}: {Halt}; day start equity {DayStart}, equity peak {Peak}, {Streak} consecutive losses, {Orders} orders today",
            store.Path, risk.HaltReason is { } reason ? "new entries halted: " + reason : "trading", state.DayStartEquity, state.PeakEquity, state.ConsecutiveLosses, state.OrdersToday);
    }

    private static bool SameBalances(IReadOnlyDictionary<string, decimal> a, IReadOnlyDictionary<string, decimal> b) =>
        a.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key, StringComparer.Ordinal).SequenceEqual(b.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key, StringComparer.Ordinal));

    private static string Describe(IReadOnlyDictionary<string, decimal> balances) =>
        string.Join(", ", balances.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
}
