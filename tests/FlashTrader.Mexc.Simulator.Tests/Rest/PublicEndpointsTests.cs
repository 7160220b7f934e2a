using System.Net;
using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Simulator.Tests.TestData;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Mexc.Simulator.Tests.Rest;

/// <summary>GET /api/v3 market data, served from the sample replayed to its end (speed max, nobody subscribed).</summary>
public sealed class PublicEndpointsTests : IClassFixture<ReplayedSample>, IDisposable
{
    private readonly HttpClient _http;

    public PublicEndpointsTests(ReplayedSample sample) => _http = new HttpClient { BaseAddress = sample.Simulator.RestUrl };

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> GetAsync(string pathAndQuery)
    {
        using HttpResponseMessage response = await _http.GetAsync(pathAndQuery);
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Ping_answers_an_empty_object_and_time_the_server_clock_in_ms()
    {
        (await GetAsync("/api/v3/ping")).GetRawText().Should().Be("{}");
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long serverTime = (await GetAsync("/api/v3/time")).GetProperty("serverTime").GetInt64();
        serverTime.Should().BeInRange(before - 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1);
    }

    [Fact]
    public async Task ExchangeInfo_lists_the_configured_symbols_with_their_rules_status_1_commissions_and_order_types()
    {
        JsonElement info = await GetAsync("/api/v3/exchangeInfo");
        info.GetProperty("symbols").EnumerateArray().Select(s => s.GetProperty("symbol").GetString()).Should().Equal("BTCUSDC", "ETHUSDC");
        JsonElement btc = (await GetAsync("/api/v3/exchangeInfo?symbol=BTCUSDC")).GetProperty("symbols")[0];
        btc.GetProperty("status").GetString().Should().Be("1");
        btc.GetProperty("baseAsset").GetString().Should().Be("BTC");
        btc.GetProperty("quoteAsset").GetString().Should().Be("USDC");
        btc.GetProperty("baseAssetPrecision").GetInt32().Should().Be(6);
        btc.GetProperty("quoteAssetPrecision").GetInt32().Should().Be(2);
        btc.GetProperty("makerCommission").GetString().Should().Be("0");
        btc.GetProperty("takerCommission").GetString().Should().Be("0.0002");
        btc.GetProperty("baseSizePrecision").GetString().Should().Be("0.0001");
        btc.GetProperty("orderTypes").EnumerateArray().Select(t => t.GetString())
            .Should().Equal("LIMIT", "MARKET", "LIMIT_MAKER", "IMMEDIATE_OR_CANCEL", "FILL_OR_KILL");
        (await GetAsync("/api/v3/exchangeInfo?symbols=ETHUSDC,BTCUSDC")).GetProperty("symbols").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Depth_is_the_replayed_book_an_independent_replay_of_the_recording_arrives_at()
    {
        (OrderBook expected, long lastTrade) = ReplayIndependently("BTCUSDC");
        JsonElement depth = await GetAsync("/api/v3/depth?symbol=BTCUSDC&limit=5000");
        depth.GetProperty("lastUpdateId").GetInt64().Should().Be(expected.LastUpdateId);
        Levels(depth.GetProperty("bids")).Should().Equal(Copy(expected.BidsFromBest));
        Levels(depth.GetProperty("asks")).Should().Equal(Copy(expected.AsksFromBest));
        lastTrade.Should().BePositive();

        // Default limit 100; the best levels first.
        JsonElement top = await GetAsync("/api/v3/depth?symbol=BTCUSDC");
        top.GetProperty("bids").GetArrayLength().Should().Be(100);
        Levels(top.GetProperty("asks"))[0].Should().Be(expected.BestAsk);
    }

    [Fact]
    public async Task Trades_are_the_last_recorded_trades_with_null_ids_and_the_buyer_maker_flag()
    {
        List<MarketEvent> recorded = RecordedTrades("BTCUSDC");
        JsonElement trades = await GetAsync("/api/v3/trades?symbol=BTCUSDC&limit=3");
        trades.GetArrayLength().Should().Be(3);
        for (int i = 0; i < 3; i++)
        {
            JsonElement t = trades[i];
            MarketEvent r = recorded[recorded.Count - 3 + i];
            t.GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
            Fixed8.Parse(t.GetProperty("price").GetString()!).Should().Be(r.Price);
            Fixed8.Parse(t.GetProperty("qty").GetString()!).Should().Be(r.Quantity);
            t.GetProperty("time").GetInt64().Should().Be(r.ExchangeTimeNs / 1_000_000);
            t.GetProperty("isBuyerMaker").GetBoolean().Should().Be(r.Side == Side.Sell);
        }

        (await GetAsync("/api/v3/trades?symbol=BTCUSDC")).GetArrayLength().Should().Be(500, "the default limit is 500");
        (await GetAsync("/api/v3/trades?symbol=BTCUSDC&limit=5000")).GetArrayLength().Should().Be(1000, "at most 1000 are served");
    }

    [Fact]
    public async Task AggTrades_use_MEXC_field_names_and_need_start_and_end_together()
    {
        List<MarketEvent> recorded = RecordedTrades("ETHUSDC");
        long end = recorded[^1].ExchangeTimeNs / 1_000_000;
        JsonElement agg = await GetAsync($"/api/v3/aggTrades?symbol=ETHUSDC&startTime={end - 1000}&endTime={end}");
        int expected = recorded.Count(t => t.ExchangeTimeNs / 1_000_000 >= end - 1000);
        agg.GetArrayLength().Should().Be(expected);
        JsonElement last = agg[agg.GetArrayLength() - 1];
        last.GetProperty("a").ValueKind.Should().Be(JsonValueKind.Null);
        Fixed8.Parse(last.GetProperty("p").GetString()!).Should().Be(recorded[^1].Price);
        last.GetProperty("T").GetInt64().Should().Be(end);
        last.GetProperty("M").GetBoolean().Should().BeTrue();

        using HttpResponseMessage refused = await _http.GetAsync($"/api/v3/aggTrades?symbol=ETHUSDC&startTime={end - 1000}");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("endTime");
    }

    [Fact]
    public async Task Klines_are_built_from_the_recorded_trades_in_MEXC_row_layout()
    {
        List<MarketEvent> recorded = RecordedTrades("BTCUSDC");
        JsonElement rows = await GetAsync("/api/v3/klines?symbol=BTCUSDC&interval=1m&limit=1000");

        // 23:54:13 to 00:05:04: twelve minutes have trades.
        rows.GetArrayLength().Should().Be(12);
        JsonElement first = rows[0];
        long open = first[0].GetInt64();
        List<MarketEvent> minute = recorded.Where(t => t.ExchangeTimeNs / 1_000_000 / 60_000 == open / 60_000).ToList();
        Fixed8.Parse(first[1].GetString()!).Should().Be(minute[0].Price);
        Fixed8.Parse(first[2].GetString()!).Should().Be(minute.Max(t => t.Price));
        Fixed8.Parse(first[3].GetString()!).Should().Be(minute.Min(t => t.Price));
        Fixed8.Parse(first[4].GetString()!).Should().Be(minute[^1].Price);
        Fixed8.Parse(first[5].GetString()!).Should().Be(minute.Aggregate(Fixed8.Zero, (s, t) => s + t.Quantity));
        first[6].GetInt64().Should().Be(open + 59_999);
        decimal.Parse(first[7].GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(decimal.Round(minute.Sum(t => Fixed8.Multiply(t.Price, t.Quantity)), 8));

        JsonElement fiveMinutes = await GetAsync("/api/v3/klines?symbol=BTCUSDC&interval=5m");
        fiveMinutes.GetArrayLength().Should().Be(4, "23:50, 23:55, 00:00 and 00:05");
        Fixed8.Parse(fiveMinutes[1][5].GetString()!).Should().Be(
            recorded.Where(t => t.ExchangeTimeNs / 1_000_000 / 300_000 == fiveMinutes[1][0].GetInt64() / 300_000).Aggregate(Fixed8.Zero, (s, t) => s + t.Quantity));

        using HttpResponseMessage refused = await _http.GetAsync("/api/v3/klines?symbol=BTCUSDC&interval=1h");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("'1h' is not one of 1m, 5m, 15m, 30m, 60m, 4h, 8h, 1d, 1W, 1M");
    }

    [Fact]
    public async Task BookTicker_and_24hr_ticker_describe_the_replayed_market()
    {
        (OrderBook book, _) = ReplayIndependently("ETHUSDC");
        List<MarketEvent> trades = RecordedTrades("ETHUSDC");
        JsonElement ticker = await GetAsync("/api/v3/ticker/bookTicker?symbol=ETHUSDC");
        Fixed8.Parse(ticker.GetProperty("bidPrice").GetString()!).Should().Be(book.BestBid.Price);
        Fixed8.Parse(ticker.GetProperty("askQty").GetString()!).Should().Be(book.BestAsk.Quantity);
        (await GetAsync("/api/v3/ticker/bookTicker")).GetArrayLength().Should().Be(2);

        JsonElement day = await GetAsync("/api/v3/ticker/24hr?symbol=ETHUSDC");
        Fixed8.Parse(day.GetProperty("lastPrice").GetString()!).Should().Be(trades[^1].Price);
        Fixed8.Parse(day.GetProperty("openPrice").GetString()!).Should().Be(trades[0].Price);
        Fixed8.Parse(day.GetProperty("highPrice").GetString()!).Should().Be(trades.Max(t => t.Price));
        Fixed8.Parse(day.GetProperty("volume").GetString()!).Should().Be(trades.Aggregate(Fixed8.Zero, (s, t) => s + t.Quantity));
        day.GetProperty("count").GetInt64().Should().Be(trades.Count);
    }

    [Theory]
    [InlineData("/api/v3/depth?symbol=DOGEUSDC", 30014, "Invalid symbol")]
    [InlineData("/api/v3/depth", 33333, "symbol")]
    [InlineData("/api/v3/depth?symbol=BTCUSDC&limit=x", 33333, "limit")]
    public async Task Bad_requests_answer_400_with_MEXC_code_and_a_message_naming_the_parameter(string path, int code, string mentions)
    {
        using HttpResponseMessage response = await _http.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonElement body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("code").GetInt32().Should().Be(code);
        body.GetProperty("msg").GetString().Should().Contain(mentions);
    }

    private static List<PriceLevel> Levels(JsonElement side) =>
        [.. side.EnumerateArray().Select(l => new PriceLevel(Fixed8.Parse(l[0].GetString()!), Fixed8.Parse(l[1].GetString()!)))];

    private static List<PriceLevel> Copy(BookSide.LevelsFromBest levels)
    {
        var list = new List<PriceLevel>();
        foreach (PriceLevel level in levels)
        {
            list.Add(level);
        }

        return list;
    }

    /// <summary>The book at the end of the recording, built straight from the file with the core OrderBook.</summary>
    internal static (OrderBook Book, long Trades) ReplayIndependently(string symbol)
    {
        using RecordingReader reader = RecordingReader.Open(Sample.RecordingPath);
        int id = reader.Header.Symbols.ToList().IndexOf(symbol);
        var book = new OrderBook(symbol);
        long trades = 0;
        while (reader.TryRead(out MarketEvent ev))
        {
            if (ev.SymbolId != id)
            {
                continue;
            }

            switch (ev.Kind)
            {
                case MarketEventKind.DepthSnapshot: book.ApplySnapshot(ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs); break;
                case MarketEventKind.DepthDiff: book.ApplyDiff(ev.FirstUpdateId, ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs); break;
                case MarketEventKind.Trade: trades++; break;
            }
        }

        return (book, trades);
    }

    /// <summary>The recorded trades of a symbol served after the books synced (the simulator serves from there on).</summary>
    internal static List<MarketEvent> RecordedTrades(string symbol)
    {
        using RecordingReader reader = RecordingReader.Open(Sample.RecordingPath);
        string[] symbols = [.. reader.Header.Symbols];
        int id = Array.IndexOf(symbols, symbol);
        var books = symbols.Select(s => new OrderBook(s)).ToArray();
        var trades = new List<MarketEvent>();
        bool synced = false;
        while (reader.TryRead(out MarketEvent ev))
        {
            if (!synced)
            {
                if (ev.Kind == MarketEventKind.DepthSnapshot)
                {
                    books[ev.SymbolId].ApplySnapshot(ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
                }
                else if (ev.Kind == MarketEventKind.DepthDiff)
                {
                    books[ev.SymbolId].ApplyDiff(ev.FirstUpdateId, ev.LastUpdateId, ev.Levels, ev.ExchangeTimeNs);
                }

                synced = books.All(b => b.IsSynced);
                continue;
            }

            if (ev.SymbolId == id && ev.Kind == MarketEventKind.Trade)
            {
                trades.Add(ev);
            }
        }

        return trades;
    }
}
