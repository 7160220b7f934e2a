namespace FlashTrader.EndToEnd.Tests;

/// <summary>The paper account survives restarts; --reset wipes it; a changed initial balance is called out.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public void A_second_run_without_reset_continues_from_the_persisted_balances()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--summary", run.File("first.json"), .. run.DataArgs]).ExitCode.Should().Be(0);
        FlashTraderProcess.Result second = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--summary", run.File("second.json"), .. run.DataArgs]);

        second.ExitCode.Should().Be(0, second.ToString());
        second.Stderr.Should().Contain("Paper account restored");
        SummaryJson.Load(run.File("second.json")).Money("startingEquity").Should().Be(SummaryJson.Load(run.File("first.json")).Money("endingEquity"));
    }

    [Fact]
    public void Reset_wipes_the_account_back_to_the_initial_balances()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", .. run.DataArgs]).ExitCode.Should().Be(0);
        FlashTraderProcess.Result again = FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--summary", run.File("s.json"), .. run.DataArgs]);

        again.ExitCode.Should().Be(0);
        SummaryJson.Load(run.File("s.json")).Money("startingEquity").Should().Be(10_000m);
    }

    [Fact]
    public void Changing_the_initial_balance_without_reset_warns_and_keeps_the_persisted_account()
    {
        using var run = new RunDirectory();
        FlashTraderProcess.Run(["--replay", FlashTraderProcess.Sample, "--reset", "--summary", run.File("first.json"), .. run.DataArgs]).ExitCode.Should().Be(0);
        FlashTraderProcess.Result changed = FlashTraderProcess.Run(
            ["--replay", FlashTraderProcess.Sample, "--summary", run.File("second.json"), "--set", "PaperTrading:InitialBalance:USDC=20000", .. run.DataArgs]);

        changed.ExitCode.Should().Be(0, changed.ToString());
        changed.Stderr.Should().Contain("PaperTrading:InitialBalance changed").And.Contain("--reset");
        SummaryJson second = SummaryJson.Load(run.File("second.json"));
        second.Money("startingEquity").Should().Be(SummaryJson.Load(run.File("first.json")).Money("endingEquity"));
        second.Root.GetProperty("warnings").GetArrayLength().Should().Be(1);
    }
}
