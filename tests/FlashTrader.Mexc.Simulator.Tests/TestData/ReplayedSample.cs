namespace FlashTrader.Mexc.Simulator.Tests.TestData;

/// <summary>One simulator that has replayed the whole sample at max speed, shared by a test class (read-only use).</summary>
public sealed class ReplayedSample : IAsyncLifetime
{
    public MexcSimulator Simulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await MexcSimulator.StartAsync(Sample.Options(autoStart: true, speed: null));
        await Simulator.ReplayCompleted.WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync() => await Simulator.DisposeAsync();
}
