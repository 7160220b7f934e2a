using System.IO.Compression;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using FlashTrader.Core.Configuration;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.Rest.Models;
using FlashTrader.Mexc.Signing;

namespace FlashTrader.Benchmarks;

/// <summary>
/// Our own cost per MEXC REST request, without the network: building and signing a typical order, reading a
/// depth-5000 snapshot into the pool, and a whole GET /depth through the client (rate budget, Polly pipelines,
/// HttpClient plumbing, parse) against a handler that answers from memory.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "the client is disposed in [GlobalCleanup], BenchmarkDotNet's lifecycle")]
public class MexcRestBenchmarks
{
    private static readonly NewOrderRequest Order = new("BTCUSDC", Side.Buy, SpotOrderType.Limit, Fixed8.Parse("0.0005"), Fixed8.Parse("61837.63"), ClientOrderId: "ft0195f3c2a7b84c1d9e0f112233445566");

    private readonly MexcQueryString _query = new();
    private readonly MexcRequestSigner _signer = new("45d0b3c26f2644f19bfb98b07741b2f5");
    private readonly DepthLevelsPool _pool = new();
    private byte[] _orderQueryUtf8 = [];
    private byte[] _depth5000 = [];
    private MexcRestClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        BuildOrderQuery();
        _orderQueryUtf8 = Encoding.UTF8.GetBytes(_query.ToString());
        _depth5000 = Depth5000();
        var options = new MexcOptions { RestUrl = "http://127.0.0.1:1", RequestsPerSecond = 1_000_000, OrdersPerSecond = 1_000_000 };
        _client = new MexcRestClient(options, handler: new CannedHandler(_depth5000));
    }

    [GlobalCleanup]
    public void Cleanup() => _client.Dispose();

    /// <summary>The order's parameters plus recvWindow and timestamp, as signed.</summary>
    [Benchmark]
    public int BuildOrderQuery()
    {
        _query.Clear();
        Order.WriteTo(_query, Order.ClientOrderId!);
        _query.Add("recvWindow", 5000).Add("timestamp", 1768478400123);
        return _query.Length;
    }

    /// <summary>HMAC-SHA256 of that query into a stack buffer (the span overload the client could use).</summary>
    [Benchmark]
    public char SignOrderQuery()
    {
        Span<char> signature = stackalloc char[MexcRequestSigner.SignatureLength];
        _signer.Sign(_orderQueryUtf8, default, signature);
        return signature[0];
    }

    /// <summary>What the client does per order attempt today: build, sign, produce the signature string.</summary>
    [Benchmark]
    public int BuildAndSignOrder()
    {
        BuildOrderQuery();
        return _signer.Sign(_query.ToString()).Length;
    }

    /// <summary>A 5000-a-side GET /depth body read into a pooled buffer; bytes allocated per snapshot is the figure.</summary>
    [Benchmark]
    public long ParseDepth5000()
    {
        DepthLevels levels = _pool.Rent();
        DepthSnapshotJson.TryRead(_depth5000, levels, out long lastUpdateId, out _);
        levels.Release();
        return lastUpdateId;
    }

    /// <summary>A whole GET /depth?limit=5000 through the client, answered from memory: everything but the network.</summary>
    [Benchmark]
    public async Task<long> ClientDepth5000()
    {
        MarketEvent snapshot = (await _client.GetDepthAsync("BTCUSDC", 0, 5000, _pool)).Value;
        snapshot.Levels.Release();
        return snapshot.LastUpdateId;
    }

    /// <summary>
    /// A depth-5000 body: the real 1000-level BTCUSDT snapshot from shared/data, extended to 5000 levels a side by
    /// continuing each side's price ladder one tick at a time with the real quantities repeated (no 5000-level
    /// capture is public). Same shape and number formats as the real one.
    /// </summary>
    private static byte[] Depth5000()
    {
        string real = RealSnapshot();
        using var doc = System.Text.Json.JsonDocument.Parse(real);
        var sb = new StringBuilder(600_000);
        sb.Append("{\"lastUpdateId\":").Append(doc.RootElement.GetProperty("lastUpdateId").GetInt64());
        AppendSide(sb, "bids", doc.RootElement.GetProperty("bids"), -1);
        AppendSide(sb, "asks", doc.RootElement.GetProperty("asks"), +1);
        sb.Append('}');
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static void AppendSide(StringBuilder sb, string name, System.Text.Json.JsonElement levels, int direction)
    {
        sb.Append(",\"").Append(name).Append("\":[");
        var real = levels.EnumerateArray().Select(l => (Price: decimal.Parse(l[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture), Qty: l[1].GetString()!)).ToList();
        decimal price = real[^1].Price;
        for (int i = 0; i < 5000; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            decimal p = i < real.Count ? real[i].Price : (price += direction * 0.01m);
            sb.Append("[\"").Append(p.ToString("0.00000000", System.Globalization.CultureInfo.InvariantCulture)).Append("\",\"").Append(real[i % real.Count].Qty).Append("\"]");
        }

        sb.Append(']');
    }

    private static string RealSnapshot()
    {
        string path = Path.Combine(BenchData.RepositoryRoot(), "..", "shared", "data", "binance-spot-l2-btc-eth-2024-08-08", "btcusdt_20240808.gz");
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            int json = line.IndexOf('{', StringComparison.Ordinal);
            if (json > 0 && line.AsSpan(json).StartsWith("{\"lastUpdateId\"", StringComparison.Ordinal))
            {
                return line[json..];
            }
        }

        throw new InvalidDataException($"{path}: no depth snapshot line");
    }

    private sealed class CannedHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request });
    }
}
