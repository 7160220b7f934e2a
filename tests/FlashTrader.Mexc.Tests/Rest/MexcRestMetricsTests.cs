using System.Diagnostics.Metrics;
using FlashTrader.Core.Market;
using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.Tests.TestData;

namespace FlashTrader.Mexc.Tests.Rest;

public class MexcRestMetricsTests
{
    [Fact]
    public async Task Each_call_records_our_own_overhead_apart_from_the_network_round_trip()
    {
        await using RestHarness h = await RestHarness.StartAsync();
        h.Server.Json("GET", "/api/v3/depth", RealDepthSnapshot.BtcUsdt);
        var recorded = new List<(string Instrument, double Value)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter == h.Client.Metrics.Meter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (recorded)
            {
                recorded.Add((instrument.Name, value));
            }
        });
        listener.Start();
        var pool = new DepthLevelsPool();

        for (int i = 0; i < 3; i++)
        {
            (await h.Client.GetDepthAsync("BTCUSDC", 0, 5000, pool)).Value.Levels.Release();
        }

        MexcRestMetrics metrics = h.Client.Metrics;
        metrics.Calls.Should().Be(3);
        metrics.TotalClientOverhead.Should().BePositive("parsing 2000 levels takes time");
        metrics.TotalRoundTrip.Should().BePositive();
        metrics.MeanClientOverhead.Should().Be(metrics.TotalClientOverhead / 3);
        metrics.MaxClientOverhead.Should().BeGreaterThanOrEqualTo(metrics.MeanClientOverhead);
        recorded.Select(r => r.Instrument).Should().BeEquivalentTo(
            Enumerable.Repeat("flashtrader.mexc.rest.client_overhead", 3).Concat(Enumerable.Repeat("flashtrader.mexc.rest.round_trip", 3)));
    }
}
