using System.Diagnostics;
using System.Text.Json;
using FlashTrader.Control;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Control;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Core.Pipeline;
using FlashTrader.Hosting;
using FlashTrader.Strategies;
using Microsoft.Extensions.Logging;

namespace FlashTrader.EndToEnd.Tests.Strategies;

/// <summary>
/// The strategy desk in process, on the shipped definitions of config/strategies copied into a strategies folder:
/// changes are validated like the JSON loader's, wait in the control inbox, and take effect only when the pipeline
/// applies them between two events; files dropped in the folder while running are validated, listed and enabled
/// within the limit of four strategies; a deleted file stops nothing.
/// </summary>
public sealed class StrategyDeskTests : IDisposable
{
    private readonly RunDirectory _run = new();
    private readonly string _folder;
    private readonly ControlInbox _inbox = new();
    private readonly RecordingLogger _log = new();

    public StrategyDeskTests()
    {
        _folder = Path.Combine(_run.Path, "strategies");
        Directory.CreateDirectory(_folder);
    }

    private static string Shipped(string file) => Path.Combine(FlashTraderProcess.RepositoryRoot, "config", "strategies", file);

    private (StrategyDesk Desk, TradingPipeline Pipeline) Start(params string[] builtIns)
    {
        FlashTraderOptions options = ConfigurationLoader.Bind(ConfigurationLoader.Build(null, [$"Strategies:Directory={_folder}", $"System:DataDirectory={_run.Path}"]));
        options.SignalGeneration.Strategies = [.. builtIns];
        StrategyLineup lineup = StrategyLineup.Load(options);
        TradingPipeline pipeline = lineup.NewPipeline(options, new TimeSource());
        return (new StrategyDesk(lineup, pipeline.Signals, _inbox, options, _log), pipeline);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    /// <summary>Applies what waits in the inbox as the hosted pipeline does, between two events; returns how many.</summary>
    private int ApplyPending(TradingPipeline pipeline)
    {
        int applied = 0;
        while (_inbox.TryTake(out ControlCommand command))
        {
            pipeline.Control(command);
            applied++;
        }

        return applied;
    }

    [Fact]
    public void A_parameter_change_is_checked_like_the_loader_and_runs_as_a_new_version_once_applied_in_band()
    {
        File.Copy(Shipped("mean-reversion.json"), Path.Combine(_folder, "mean-reversion.json"));
        (StrategyDesk desk, TradingPipeline pipeline) = Start("imbalance");
        RunningStrategyView before = desk.View().Running.Should().ContainSingle().Subject;
        before.Should().Match<RunningStrategyView>(s => s.Name == "mean-reversion" && s.Version == "1.0.0" && s.Enabled);
        before.Parameters.Should().Equal(new Dictionary<string, double> { ["oversold"] = 30, ["overbought"] = 70 });

        desk.SetParameters("mean-reversion", Json("""{"oversold": "low", "nope": 1}"""), "test").Select(e => e.Key)
            .Should().Equal("parameters.oversold", "parameters.nope");
        desk.SetParameters("mean-reversion", Json("""{"oversold": 1e999}"""), "test").Should().ContainSingle(e => e.Key == "parameters.oversold");
        desk.SetParameters("momentum-1m", Json("""{"rsiFloor": 50}"""), "test").Should().ContainSingle(e => e.Key == "name" && e.Problem.Contains("running: mean-reversion"));
        _inbox.HasPending.Should().BeFalse("nothing invalid reaches the pipeline");

        desk.SetParameters("mean-reversion", Json("""{"oversold": 27.5}"""), "test").Should().BeEmpty();
        desk.View().Running[0].Version.Should().Be("1.0.0", "the change waits in the control inbox for the next event");

        ApplyPending(pipeline).Should().Be(1);
        RunningStrategyView after = desk.View().Running[0];
        after.Version.Should().Be("1.0.0+runtime.1");
        after.Hash.Should().NotBe(before.Hash).And.HaveLength(16);
        after.Parameters["oversold"].Should().Be(27.5);
        after.Parameters["overbought"].Should().Be(70);
        desk.View().Changes.Should().ContainSingle().Which.Change.Should()
            .Be($"parameters.oversold 30 -> 27.5; version 1.0.0 ({before.Hash}) -> 1.0.0+runtime.1 ({after.Hash})");

        desk.SetParameters("mean-reversion", Json("""{"overbought": 75}"""), "test").Should().BeEmpty();
        ApplyPending(pipeline);
        desk.View().Running[0].Should().Match<RunningStrategyView>(s => s.Version == "1.0.0+runtime.2" && s.Parameters["oversold"] == 27.5 && s.Parameters["overbought"] == 75);
    }

    [Fact]
    public void Disabling_and_enabling_wait_for_the_pipeline_and_switching_needs_a_file_defining_the_same_strategy()
    {
        File.Copy(Shipped("mean-reversion.json"), Path.Combine(_folder, "mean-reversion.json"));
        File.Copy(Shipped("momentum-1m.json"), Path.Combine(_folder, "momentum-1m.json"));
        (StrategyDesk desk, TradingPipeline pipeline) = Start("imbalance");
        // Version 2 arrives after the start (at the start, every file of the folder runs).
        File.WriteAllText(Path.Combine(_folder, "mean-reversion-v2.json"), File.ReadAllText(Shipped("mean-reversion.json")).Replace("\"version\": \"1.0.0\"", "\"version\": \"2.0.0\"", StringComparison.Ordinal));

        desk.SetEnabled("momentum-1m", false, "test").Should().BeEmpty();
        desk.View().Running.Single(s => s.Name == "momentum-1m").Enabled.Should().BeTrue();
        ApplyPending(pipeline);
        desk.View().Running.Single(s => s.Name == "momentum-1m").Enabled.Should().BeFalse();

        desk.Switch("mean-reversion", "momentum-1m.json", "test").Should().ContainSingle(e => e.Key == "file" && e.Problem == "momentum-1m.json defines strategy 'momentum-1m', not 'mean-reversion'");
        desk.Switch("mean-reversion", "../mean-reversion.json", "test").Should().ContainSingle(e => e.Key == "file");
        desk.Switch("mean-reversion", "absent.json", "test").Should().ContainSingle(e => e.Key == "file" && e.Problem.StartsWith("absent.json is not in the strategies folder", StringComparison.Ordinal));
        desk.Switch("mean-reversion", "mean-reversion-v2.json", "test").Should().BeEmpty();
        ApplyPending(pipeline);
        RunningStrategyView switched = desk.View().Running.Single(s => s.Name == "mean-reversion");
        switched.Version.Should().Be("2.0.0");
        switched.File.Should().Be(Path.Combine(_folder, "mean-reversion-v2.json"));

        desk.SetEnabled("momentum-1m", true, "test").Should().BeEmpty();
        ApplyPending(pipeline);
        desk.View().Running.Should().OnlyContain(s => s.Enabled);
    }

    [Fact]
    public void Files_dropped_in_the_folder_while_running_are_validated_listed_and_enabled_within_the_limit_and_a_deletion_stops_nothing()
    {
        File.Copy(Shipped("mean-reversion.json"), Path.Combine(_folder, "mean-reversion.json"));
        (StrategyDesk desk, TradingPipeline pipeline) = Start("imbalance", "momentum");
        using var watcher = new StrategyFileWatcher(desk, TimeSpan.FromMilliseconds(50));

        File.WriteAllText(Path.Combine(_folder, "broken.json"), "{\n  \"name\": \"broken\",\n  \"version\": 1\n}");
        File.Copy(Shipped("volume-breakout.json"), Path.Combine(_folder, "volume-breakout.json"));
        File.Copy(Shipped("trend-15m.json"), Path.Combine(_folder, "trend-15m.json"));

        Until(() => desk.View().Files.Count == 4, "the three new files listed");
        StrategiesView view = desk.View();
        view.Files.Select(f => (f.File, f.Valid, f.Running)).Should().Equal(
            ("broken.json", false, false), ("mean-reversion.json", true, true), ("trend-15m.json", true, false), ("volume-breakout.json", true, false));
        view.Files[0].Error.Should().StartWith(Path.Combine(_folder, "broken.json") + ":3:14: ");
        view.Running.Should().ContainSingle("nothing new starts by itself");
        _log.Text.Should().Contain("broken.json appeared and is invalid; running strategies are not affected");

        desk.EnableFile("broken.json", "test").Should().ContainSingle(e => e.Key == "file" && e.Problem.Contains(":3:14: "));
        desk.EnableFile("volume-breakout.json", "test").Should().BeEmpty();
        desk.EnableFile("trend-15m.json", "test").Should().ContainSingle(e => e.Key == "file" && e.Problem.Contains("at most 4 strategies can run at once"));
        ApplyPending(pipeline).Should().Be(1);
        pipeline.Process(MarketEvent.Trade(0, 1, 1, Fixed8.Parse("60000"), Fixed8.One, Side.Buy, 1), 0);
        pipeline.Signals.StrategyNames.Should().Equal("imbalance", "momentum", "mean-reversion", "volume-breakout");
        desk.View().Running.Select(s => (s.Name, s.Enabled)).Should().Equal(("mean-reversion", true), ("volume-breakout", true));

        File.Delete(Path.Combine(_folder, "mean-reversion.json"));
        File.Delete(Path.Combine(_folder, "trend-15m.json"));
        Until(() => desk.View().Files.Count == 2, "the deleted files leave the list");
        Until(() => _log.Text.Contains("was deleted; version 1.0.0", StringComparison.Ordinal), "the deletion of a running definition logged");
        _log.Text.Should().Contain($"Strategy mean-reversion: its file {Path.Combine(_folder, "mean-reversion.json")} was deleted; version 1.0.0 (");
        desk.View().Running.Select(s => s.Name).Should().Equal("mean-reversion", "volume-breakout");
        pipeline.Signals.StrategyNames.Should().Contain("mean-reversion");
    }

    private static void Until(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }

            Thread.Sleep(20);
        }
    }

    public void Dispose() => _run.Dispose();

    private sealed class RecordingLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public string Text
        {
            get
            {
                lock (_lines)
                {
                    return string.Join('\n', _lines);
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines)
            {
                _lines.Add(formatter(state, exception));
            }
        }
    }
}
