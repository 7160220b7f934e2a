using System.Diagnostics;
using System.Text.Json;
using FlashTrader.Mexc.Simulator.Tests.TestData;

namespace FlashTrader.Mexc.Simulator.Tests.ThirdParty;

/// <summary>
/// The protocol proof: ccxt's MEXC client (npm ccxt, installed in tools/ccxt-check by .ci/run) run against an in-process
/// simulator loads markets, reads the book, trades and klines, watches the book and trades over the protobuf
/// WebSocket, and places and cancels a signed order.
/// </summary>
public sealed class CcxtTests
{
    [NodeFact]
    public async Task Ccxt_mexc_trades_against_the_simulator_over_REST_and_the_protobuf_WebSocket()
    {
        string script = Path.Combine(NodeFactAttribute.ToolDirectory(), "check.mjs");
        File.Exists(Path.Combine(NodeFactAttribute.ToolDirectory(), "node_modules", "ccxt", "package.json"))
            .Should().BeTrue("tools/ccxt-check needs its packages: run 'npm ci' there (.ci/run does)");

        await using MexcSimulator sim = await MexcSimulator.StartAsync(Sample.Options(autoStart: true, speed: 5) with { Loop = true });
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, sim.RestUrl.ToString().TrimEnd('/'), sim.WsUrl.ToString(), SimulatorOptions.DefaultApiKey, SimulatorOptions.DefaultApiSecret, "BTC/USDC" },
            WorkingDirectory = NodeFactAttribute.ToolDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process node = Process.Start(start)!;
        Task<string> stdout = node.StandardOutput.ReadToEndAsync();
        Task<string> stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await node.WaitForExitAsync(timeout.Token);
        string output = await stdout, errors = await stderr;
        node.ExitCode.Should().Be(0, $"ccxt reported: {errors}\n{output}");

        JsonElement r = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        r.GetProperty("markets").EnumerateArray().Select(m => m.GetString()).Should().Equal("BTC/USDC", "ETH/USDC");
        r.GetProperty("market").GetProperty("id").GetString().Should().Be("BTCUSDC");
        r.GetProperty("market").GetProperty("taker").GetDouble().Should().Be(0.0002);
        r.GetProperty("orderBook").GetProperty("bids").GetInt32().Should().Be(50);
        r.GetProperty("orderBook").GetProperty("asks").GetInt32().Should().Be(50);
        r.GetProperty("trades").GetProperty("count").GetInt32().Should().BePositive();
        r.GetProperty("ohlcv").GetProperty("count").GetInt32().Should().BePositive();
        JsonElement watched = r.GetProperty("watchOrderBook");
        watched.GetProperty("crossed").GetBoolean().Should().BeFalse();
        watched.GetProperty("nonce").GetInt64().Should().BeGreaterThan(watched.GetProperty("firstNonce").GetInt64(), "diffs moved the synced book on");
        r.GetProperty("watchTrades").GetProperty("count").GetInt32().Should().BePositive();
        r.GetProperty("createOrder").GetProperty("id").GetString().Should().StartWith("C02__");
        r.GetProperty("fetchOrder").GetProperty("status").GetString().Should().Be("open");
        r.GetProperty("cancelOrder").GetProperty("status").GetString().Should().Be("canceled");
        sim.Orders().Should().ContainSingle().Which.Status.Should().Be(Simulator.Exchange.SimOrderStatus.Canceled);
    }
}

/// <summary>A fact that needs Node.js; skipped, saying why, only where node is not installed.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!IsNodeInstalled())
        {
            Skip = "node (Node.js) is not on PATH: the ccxt protocol check needs it (apt-get install nodejs, then npm ci in tools/ccxt-check)";
        }
    }

    /// <summary>tools/ccxt-check of the checkout the tests run from.</summary>
    public static string ToolDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tools", "ccxt-check");
            if (File.Exists(Path.Combine(candidate, "check.mjs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tools/ccxt-check/check.mjs not found above {AppContext.BaseDirectory}");
    }

    private static bool IsNodeInstalled() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Any(dir => File.Exists(Path.Combine(dir, "node")) || File.Exists(Path.Combine(dir, "node.exe")));
}
