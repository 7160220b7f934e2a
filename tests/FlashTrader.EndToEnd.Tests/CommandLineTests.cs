namespace FlashTrader.EndToEnd.Tests;

/// <summary>What a user meets first: help, and clear errors with exit code 2 for bad options and configuration.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("import", "--help")]
    [InlineData("inspect", "--help")]
    public void Every_command_has_help(params string[] args)
    {
        FlashTraderProcess.Result r = FlashTraderProcess.Run(args);
        r.ExitCode.Should().Be(0);
        r.Stdout.Should().Contain("Usage:");
    }

    [Fact]
    public void Root_help_lists_the_run_options_and_exit_codes()
    {
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--help"]);
        r.Stdout.Should().Contain("--duration").And.Contain("--reset").And.Contain("--config").And.Contain("--env")
            .And.Contain("--replay").And.Contain("--speed").And.Contain("--summary").And.Contain("Exit codes");
    }

    [Fact]
    public void An_unknown_option_exits_2_naming_it()
    {
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--durration", "5"]);
        r.ExitCode.Should().Be(2);
        r.Stderr.Should().Contain("--durration");
    }

    [Theory]
    [InlineData("--speed", "fast", "--speed")]
    [InlineData("--speed", "-1", "--speed")]
    [InlineData("--duration", "-5", "--duration")]
    [InlineData("--duration", "soon", "soon")]
    public void A_bad_value_exits_2_naming_the_option(string option, string value, string named)
    {
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, option, value]);
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain(named);
    }

    [Fact]
    public void An_invalid_configuration_value_exits_2_naming_the_full_key_and_rule()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--set", "PaperTrading:InitialBalance:USDC=-5", .. run.DataArgs]);
        r.ExitCode.Should().Be(2, r.ToString());
        r.Stderr.Should().Contain("PaperTrading:InitialBalance:USDC: must be 0 or more");
        Directory.Exists(Path.Combine(run.Path, "state")).Should().BeFalse("nothing starts before the configuration is valid");
    }

    [Fact]
    public void Environment_variables_override_the_configuration_files()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, .. run.DataArgs],
            new Dictionary<string, string> { ["FLASHTRADER__Execution__TakeProfitBps"] = "0" });
        r.ExitCode.Should().Be(2);
        r.Stderr.Should().Contain("Execution:TakeProfitBps: must be greater than 0");
    }

    [Fact]
    public void A_config_file_layers_over_appsettings()
    {
        using var run = new RunDirectory();
        File.WriteAllText(run.File("override.json"), """{ "Risk": { "MaxDrawdownPercent": 150 } }""");
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--config", run.File("override.json"), .. run.DataArgs]);
        r.ExitCode.Should().Be(2);
        r.Stderr.Should().Contain("Risk:MaxDrawdownPercent: must be in (0, 100]");
    }

    [Fact]
    public void A_non_numeric_configuration_value_names_its_key()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--set", "PaperTrading:SlippageBps=lots", .. run.DataArgs]);
        r.ExitCode.Should().Be(2);
        r.Stderr.Should().Contain("PaperTrading:SlippageBps");
    }

    [Fact]
    public void A_missing_recording_exits_2()
    {
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", "no/such/file.ftrec"]);
        r.ExitCode.Should().Be(2);
        r.Stderr.Should().Contain("no/such/file.ftrec");
    }

    [Fact]
    public void A_malformed_env_file_names_file_and_line_but_never_the_secret()
    {
        using var run = new RunDirectory();
        File.WriteAllText(run.File("secrets.env"), "MEXC_API_KEY=abc123secret\nthis line is wrong\n");
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--env", run.File("secrets.env"), .. run.DataArgs]);
        r.ExitCode.Should().Be(2);
        r.Stderr.Should().Contain("secrets.env:2");
        (r.Stdout + r.Stderr).Should().NotContain("abc123secret");
    }

    [Fact]
    public void Credentials_from_an_env_file_are_never_logged()
    {
        using var run = new RunDirectory();
        File.WriteAllText(run.File("secrets.env"), "MEXC_API_KEY=abc123secret\nMEXC_API_SECRET=def456secret\n");
        FlashTraderProcess.Result r = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--env", run.File("secrets.env"), .. run.DataArgs]);
        r.ExitCode.Should().Be(0, r.ToString());
        r.Stderr.Should().Contain("API credentials present");
        (r.Stdout + r.Stderr).Should().NotContain("abc123secret").And.NotContain("def456secret");
        string logs = string.Join("\n", Directory.GetFiles(run.Path, "*.json", SearchOption.AllDirectories).Select(File.ReadAllText));
        logs.Should().NotContain("abc123secret").And.NotContain("def456secret");
    }
}
