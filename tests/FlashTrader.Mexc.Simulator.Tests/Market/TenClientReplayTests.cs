using System.Diagnostics;
using System.Net.WebSockets;
using FlashTrader.Core.Market;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Simulator.Tests.TestData;
using Xunit.Abstractions;

namespace FlashTrader.Mexc.Simulator.Tests.Market;

/// <summary>
/// The whole sample (the shared BTC/ETH L2 capture, the largest shared recording) replayed at max speed to ten
/// connected clients, each subscribed to every market channel of both symbols: every client receives every push, in
/// the same order (one digest of the whole byte stream per client), and the depth channels without a version gap.
/// The pushes/s figure goes to the test output (a measurement, never asserted).
/// </summary>
public sealed class TenClientReplayTests(ITestOutputHelper output)
{
    private static readonly string[] Channels =
    [
        .. new[] { "BTCUSDC", "ETHUSDC" }.SelectMany(s => new[]
        {
            $"spot@public.aggre.depth.v3.api.pb@10ms@{s}", $"spot@public.aggre.depth.v3.api.pb@100ms@{s}",
            $"spot@public.aggre.deals.v3.api.pb@10ms@{s}", $"spot@public.aggre.deals.v3.api.pb@100ms@{s}",
            $"spot@public.aggre.bookTicker.v3.api.pb@10ms@{s}", $"spot@public.aggre.bookTicker.v3.api.pb@100ms@{s}",
            $"spot@public.limit.depth.v3.api.pb@{s}@20", $"spot@public.kline.v3.api.pb@{s}@Min1",
        }),
    ];

    [Fact]
    public async Task Ten_clients_each_receive_every_push_of_the_sample_replayed_at_max_speed()
    {
        await using MexcSimulator sim = await MexcSimulator.StartAsync(Sample.Options(autoStart: false, speed: null));
        var clients = new List<StreamClient>();
        for (int i = 0; i < 10; i++)
        {
            StreamClient client = await StreamClient.ConnectAsync(sim.WsUrl);
            await client.SubscribeAsync(i, Channels);
            (await client.ReplyAsync()).GetProperty("msg").GetString()!.Split(',').Should().HaveCount(Channels.Length);
            clients.Add(client);
        }

        long[] received = new long[clients.Count];
        long[] bytes = new long[clients.Count];
        ulong[] digests = new ulong[clients.Count];
        long[] gaps = new long[clients.Count];
        long[] depthPushes = new long[clients.Count];
        using var done = new CancellationTokenSource();
        Task[] readers = [.. clients.Select((c, i) => Task.Run(() => ReadAsync(c, i, received, bytes, digests, gaps, depthPushes, done.Token)))];
        long start = Stopwatch.GetTimestamp();
        sim.StartReplay();
        await sim.ReplayCompleted.WaitAsync(TimeSpan.FromMinutes(5));
        while (received.Sum() < sim.PushesSent || sim.PushesSent % clients.Count != 0 || received.Any(r => r != received[0]))
        {
            await Task.Delay(10);
        }

        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        await done.CancelAsync();
        await Task.WhenAll(readers);
        foreach (StreamClient client in clients)
        {
            await client.DisposeAsync();
        }

        output.WriteLine(
            $"{sim.EventsReplayed:N0} events replayed to 10 clients in {elapsed.TotalSeconds:F2} s: {received.Sum():N0} pushes " +
            $"({received.Sum() / elapsed.TotalSeconds:N0} pushes/s, {bytes.Sum() / elapsed.TotalSeconds / 1e6:F1} MB/s, {sim.EventsReplayed / elapsed.TotalSeconds:N0} events/s)");
        received.Should().OnlyContain(r => r == 103_654, "each client gets every push of its 16 channels");
        digests.Should().OnlyContain(d => d == digests[0], "every client gets the same pushes in the same order");
        depthPushes[0].Should().BeGreaterThan(10_000);
        gaps[0].Should().Be(0, "each depth push starts at the version after the previous one's end");
    }

    /// <summary>
    /// Reads one client's pushes to the end: counts them, folds every byte into an FNV-1a digest (order-sensitive), and
    /// on the first client checks each aggre.depth push's fromVersion continues its channel's previous toVersion.
    /// </summary>
    private static async Task ReadAsync(StreamClient client, int index, long[] received, long[] bytes, ulong[] digests, long[] gaps, long[] depthPushes, CancellationToken stop)
    {
        byte[] buffer = new byte[1 << 20];
        int filled = 0;
        ulong digest = 14695981039346656037UL;
        var lastVersion = new Dictionary<(int Symbol, bool Slow), long>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                ValueWebSocketReceiveResult result = await client.Socket.ReceiveAsync(buffer.AsMemory(filled), stop);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                bytes[index] += result.Count;
                filled += result.Count;
                if (!result.EndOfMessage || result.MessageType != WebSocketMessageType.Binary)
                {
                    filled = result.EndOfMessage ? 0 : filled;
                    continue;
                }

                byte[] frame = buffer.AsSpan(0, filled).ToArray();
                filled = 0;
                foreach (byte b in frame)
                {
                    digest = (digest ^ b) * 1099511628211UL;
                }

                // One client decodes (the decoders' level pools are not shared across threads); the digests show the
                // other nine got the same bytes in the same order.
                if (index != 0)
                {
                    digests[index] = digest;
                    Interlocked.Increment(ref received[index]);
                    continue;
                }

                (MexcDecodeResult decoded, StreamClient.Collector events) = client.Decode(frame);
                if (decoded.Body == MexcBody.PublicAggreDepths)
                {
                    MarketEvent diff = events.Events[0];
                    var channel = (diff.SymbolId, frame.AsSpan().IndexOf("@100ms@"u8) >= 0);
                    if (lastVersion.TryGetValue(channel, out long last) && diff.FirstUpdateId != last + 1)
                    {
                        gaps[index]++;
                    }

                    lastVersion[channel] = diff.LastUpdateId;
                    depthPushes[index]++;
                }

                digests[index] = digest;
                Interlocked.Increment(ref received[index]);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
