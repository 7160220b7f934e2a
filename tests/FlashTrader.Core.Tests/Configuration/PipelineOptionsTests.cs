using FlashTrader.Core.Configuration;

namespace FlashTrader.Core.Tests.Configuration;

public sealed class PipelineOptionsTests
{
    [Theory]
    [InlineData(0, 1, 1)] // automatic, one core: no second thread to hand the order side to
    [InlineData(0, 2, 2)]
    [InlineData(0, 16, 2)]
    [InlineData(1, 16, 1)] // an explicit choice stands whatever the machine
    [InlineData(2, 1, 2)]
    public void MaxSpeedThreads_comes_to_the_setting_or_to_two_on_a_machine_with_two_cores(int configured, int cores, int expected) =>
        PipelineOptions.ResolveMaxSpeedThreads(configured, cores).Should().Be(expected);

    [Fact]
    public void MaxSpeedThreads_is_automatic_by_default() => new PipelineOptions().MaxSpeedThreads.Should().Be(0);
}
