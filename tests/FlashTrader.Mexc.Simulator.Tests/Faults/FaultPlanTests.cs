using FlashTrader.Mexc.Simulator.Faults;

namespace FlashTrader.Mexc.Simulator.Tests.Faults;

/// <summary>The --faults spec: every fault kind, and errors that name the item and its column.</summary>
public sealed class FaultPlanTests
{
    [Fact]
    public void A_full_spec_sets_every_fault()
    {
        FaultPlan plan = FaultPlan.Parse("seed=7; drop=30s; gap=0.01; delay=20ms; jitter=1.5s; malformed=0.001; 429=0.05; retry-after=3s; 418=0.01; order5xx=0.1; skew=-1500ms; lifetime=10m");
        plan.Should().Be(new FaultPlan
        {
            Seed = 7,
            DropEvery = TimeSpan.FromSeconds(30),
            GapProbability = 0.01,
            Delay = TimeSpan.FromMilliseconds(20),
            Jitter = TimeSpan.FromMilliseconds(1500),
            MalformedProbability = 0.001,
            RateLimitProbability = 0.05,
            RetryAfterSeconds = 3,
            BanProbability = 0.01,
            OrderUnknownOutcomeProbability = 0.1,
            ClockSkew = TimeSpan.FromMilliseconds(-1500),
            ConnectionLifetime = TimeSpan.FromMinutes(10),
        });
        FaultPlan.Parse("").IsNone.Should().BeTrue();
        FaultPlan.Parse("drop=1h,gap=1").Should().Be(new FaultPlan { DropEvery = TimeSpan.FromHours(1), GapProbability = 1 });
    }

    [Theory]
    [InlineData("gap=2", "--faults: item 'gap=2' at column 1: '2' is not a probability between 0 and 1")]
    [InlineData("seed=1;drop=30", "--faults: item 'drop=30' at column 8: '30' is not a duration such as 250ms, 30s, 5m or 1h")]
    [InlineData("seed=1; wobble=3", "--faults: item 'wobble=3' at column 9: unknown fault 'wobble' (known: seed, drop, gap, delay, jitter, malformed, 429, retry-after, 418, order5xx, skew, lifetime)")]
    [InlineData("delay", "--faults: item 'delay' at column 1: expected name=value")]
    [InlineData("delay=-5ms", "--faults: item 'delay=-5ms' at column 1: '-5ms' is not a duration such as 250ms, 30s, 5m or 1h")]
    [InlineData("lifetime=0s", "--faults: item 'lifetime=0s' at column 1: must be longer than 0")]
    public void A_bad_item_is_named_with_its_column(string spec, string message)
    {
        Action parse = () => FaultPlan.Parse(spec);
        parse.Should().Throw<FormatException>().WithMessage(message);
    }
}
