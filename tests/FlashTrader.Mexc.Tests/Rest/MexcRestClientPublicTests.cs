using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Book;
using FlashTrader.Mexc.Rest;
using FlashTrader.Mexc.Rest.Models;
using FlashTrader.Mexc.Tests.TestData;

namespace FlashTrader.Mexc.Tests.Rest;

/// <summary>Each public endpoint: the request MEXC expects, and its documented response parsed exactly.</summary>
public sealed class MexcRestClientPublicTests : IAsyncLifetime
{
    private RestHarness _h = null!;

    private static Fixed8 F(string text) => Fixed8.Parse(text);

    public async Task InitializeAsync() => _h = await RestHarness.StartAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Ping_gets_an_empty_object()
    {
        _h.Server.Json("GET", "/api/v3/ping", "{}");

        MexcResult<EmptyResponse> result = await _h.Client.PingAsync();

        result.IsSuccess.Should().BeTrue();
        _h.Server.Requests.Should().ContainSingle().Which.Query.Should().BeEmpty();
    }

    [Fact]
    public async Task Time_reads_the_server_clock_in_milliseconds()
    {
        _h.Server.SkewMs = 1234;

        ServerTime time = (await _h.Client.GetServerTimeAsync()).Value;

        time.ServerTimeMs.Should().Be(_h.Clock.GetUtcNow().ToUnixTimeMilliseconds() + 1234);
    }

    [Fact]
    public async Task ExchangeInfo_asks_for_the_symbols_comma_separated_with_an_upper_case_escape_and_reads_every_rule()
    {
        _h.Server.Json("GET", "/api/v3/exchangeInfo", MexcRestBodies.ExchangeInfo);

        ExchangeInfo info = (await _h.Client.GetExchangeInfoAsync(["BTCUSDC", "ETHUSDC"])).Value;

        _h.Server.Requests.Single().Query.Should().Be("symbols=BTCUSDC%2CETHUSDC");
        info.Timezone.Should().Be("CST");
        info.ServerTime.Should().Be(1768478400000);
        info.Symbols.Select(s => s.Symbol).Should().Equal("BTCUSDC", "ETHUSDC", "BTCUSDT");
        ExchangeSymbol eth = info["ETHUSDC"]!;
        eth.Should().BeEquivalentTo(new
        {
            Status = "ENABLED",
            BaseAsset = "ETH",
            QuoteAsset = "USDC",
            BaseAssetPrecision = 5,
            QuotePrecision = 2,
            QuoteAssetPrecision = 2,
            BaseSizePrecision = 0.0001m,
            QuoteAmountPrecision = 5m,
            QuoteAmountPrecisionMarket = 5m,
            MaxQuoteAmount = 2_000_000m,
            MaxQuoteAmountMarket = 100_000m,
            MakerCommission = 0m,
            TakerCommission = 0.0002m,
            IsSpotTradingAllowed = true,
            TradeSideType = 1,
        });
        eth.OrderTypes.Should().Equal("LIMIT", "MARKET", "LIMIT_MAKER");
        eth.Permissions.Should().Equal("SPOT");
    }

    [Fact]
    public async Task ExchangeInfo_for_one_symbol_uses_the_symbol_parameter()
    {
        _h.Server.Json("GET", "/api/v3/exchangeInfo", MexcRestBodies.ExchangeInfo);

        (await _h.Client.GetExchangeInfoAsync(["BTCUSDC"])).IsSuccess.Should().BeTrue();

        _h.Server.Requests.Single().Query.Should().Be("symbol=BTCUSDC");
    }

    [Fact]
    public async Task Depth_parses_a_real_1000_level_snapshot_into_a_pooled_DepthSnapshot_event_exactly()
    {
        _h.Server.Json("GET", "/api/v3/depth", RealDepthSnapshot.BtcUsdt);
        var pool = new DepthLevelsPool();

        MarketEvent snapshot = (await _h.Client.GetDepthAsync("BTCUSDC", symbolId: 3, limit: 5000, pool)).Value;

        _h.Server.Requests.Single().Query.Should().Be("symbol=BTCUSDC&limit=5000");
        snapshot.Kind.Should().Be(MarketEventKind.DepthSnapshot);
        snapshot.SymbolId.Should().Be(3);
        snapshot.LastUpdateId.Should().Be(50093239218);
        snapshot.FirstUpdateId.Should().Be(50093239218);
        snapshot.LocalTimeNs.Should().Be(_h.NowNs);
        snapshot.ExchangeTimeNs.Should().Be(_h.NowNs, "the body carries no timestamp");
        DepthLevels levels = snapshot.Levels;
        levels.BidCount.Should().Be(1000);
        levels.AskCount.Should().Be(1000);
        levels.Bids[0].Should().Be(new PriceLevel(F("61837.63"), F("3.78826")));
        levels.Asks[0].Should().Be(new PriceLevel(F("61837.64"), F("1.54698")));
        levels.Bids[999].Should().Be(new PriceLevel(F("61631.55"), F("0.00014")));
        levels.Asks[999].Should().Be(new PriceLevel(F("62053.18"), F("0.0001")));
        Sum(levels.Bids).Should().Be(F("111.79271"));
        Sum(levels.Asks).Should().Be(F("116.81343"));
        pool.Created.Should().Be(1);
        levels.Release();
    }

    [Fact]
    public async Task Depth_through_the_snapshot_seam_takes_the_exchange_time_from_the_body_when_there_is_one()
    {
        _h.Server.Json("GET", "/api/v3/depth", """{"lastUpdateId":1112416,"timestamp":1768478399990,"bids":[["15.00000","49999.00000"]],"asks":[["14.5","0.001"]]}""");
        IDepthSnapshotSource source = _h.Client;

        MarketEvent snapshot = await source.GetDepthSnapshotAsync("ETHUSDC", 1, 100, new DepthLevelsPool(), CancellationToken.None);

        snapshot.LastUpdateId.Should().Be(1112416);
        snapshot.ExchangeTimeNs.Should().Be(1768478399990L * 1_000_000);
        snapshot.Levels.Bids.ToArray().Should().Equal(new PriceLevel(F("15"), F("49999")));
        snapshot.Levels.Asks.ToArray().Should().Equal(new PriceLevel(F("14.5"), F("0.001")));
    }

    [Fact]
    public async Task A_malformed_depth_body_fails_naming_the_byte_and_returns_the_buffer_to_the_pool()
    {
        _h.Server.Json("GET", "/api/v3/depth", """{"lastUpdateId":7,"bids":[["1.5","2"],["1.4","x"]],"asks":[]}""");
        var pool = new DepthLevelsPool();

        MexcResult<MarketEvent> result = await _h.Client.GetDepthAsync("BTCUSDC", 0, 10, pool);

        result.Error!.Kind.Should().Be(MexcErrorKind.MalformedResponse);
        result.Error.Message.Should().Contain("bids: expected a [\"price\", \"quantity\"] pair").And.Contain("(byte offset 45)", "the \"x\" quantity starts at byte 45");
        result.Error.Endpoint.Should().Be("GET /api/v3/depth");
        pool.Rent().Should().NotBeNull();
        pool.Created.Should().Be(1, "the failed parse gave its buffer back");
    }

    [Fact]
    public async Task A_depth_limit_outside_1_to_5000_is_refused_without_a_request()
    {
        MexcResult<MarketEvent> result = await _h.Client.GetDepthAsync("BTCUSDC", 0, 5001, new DepthLevelsPool());

        result.Error!.Kind.Should().Be(MexcErrorKind.InvalidRequest);
        result.Error.Message.Should().Be("limit must be 1..5000, got 5001");
        _h.Server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Trades_keep_the_null_id_and_read_price_quantity_and_quote_quantity_exactly()
    {
        _h.Server.Json("GET", "/api/v3/trades", MexcRestBodies.Trades);

        RecentTrade[] trades = (await _h.Client.GetRecentTradesAsync("BTCUSDC", limit: 2)).Value;

        _h.Server.Requests.Single().Query.Should().Be("symbol=BTCUSDC&limit=2");
        trades.Should().Equal(
            new RecentTrade { Id = null, Price = F("61837.63"), Qty = F("0.000912"), QuoteQty = 56.3958m, Time = 1723161254206, IsBuyerMaker = true, IsBestMatch = true },
            new RecentTrade { Id = null, Price = F("61837.64"), Qty = F("0.01"), QuoteQty = 618.3764m, Time = 1723161254311, IsBuyerMaker = false, IsBestMatch = true });
    }

    [Fact]
    public async Task AggTrades_map_the_one_letter_fields()
    {
        _h.Server.Json("GET", "/api/v3/aggTrades", MexcRestBodies.AggTrades);

        AggregateTrade[] trades = (await _h.Client.GetAggregateTradesAsync("BTCUSDT", 1641380483000, 1641380484000)).Value;

        _h.Server.Requests.Single().Query.Should().Be("symbol=BTCUSDT&startTime=1641380483000&endTime=1641380484000");
        trades.Should().Equal(
            new AggregateTrade { Price = F("46782.67"), Quantity = F("0.0038"), Time = 1641380483000, IsBuyerMaker = false, IsBestMatch = true },
            new AggregateTrade { Price = F("46782.66"), Quantity = F("0.154271"), Time = 1641380483012, IsBuyerMaker = true, IsBestMatch = true });
    }

    [Fact]
    public async Task AggTrades_refuse_a_start_time_without_an_end_time()
    {
        MexcResult<AggregateTrade[]> result = await _h.Client.GetAggregateTradesAsync("BTCUSDT", startTimeMs: 1);

        result.Error!.Message.Should().Be("startTime and endTime must be given together");
        _h.Server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Klines_read_each_row_array_in_MEXC_order()
    {
        _h.Server.Json("GET", "/api/v3/klines", MexcRestBodies.Klines);

        Kline[] bars = (await _h.Client.GetKlinesAsync("BTCUSDT", "1m", limit: 2)).Value;

        _h.Server.Requests.Single().Query.Should().Be("symbol=BTCUSDT&interval=1m&limit=2");
        bars.Should().Equal(
            new Kline(1640804880000, F("47482.36"), F("47482.36"), F("47416.57"), F("47436.1"), F("3.550717"), 1640804940000, 168387.3m),
            new Kline(1640804940000, F("47436.1"), F("47481.66"), F("47436.1"), F("47476.02"), F("0.9011"), 1640805000000, 42762.36158741m));
    }

    [Fact]
    public async Task Klines_refuse_the_1h_interval_MEXC_does_not_have()
    {
        MexcResult<Kline[]> result = await _h.Client.GetKlinesAsync("BTCUSDT", "1h");

        result.Error!.Message.Should().Be("interval '1h' is not one of 1m 5m 15m 30m 60m 4h 1d 1W 1M");
    }

    [Fact]
    public async Task BookTicker_reads_the_best_bid_and_ask()
    {
        _h.Server.Json("GET", "/api/v3/ticker/bookTicker", MexcRestBodies.BookTicker);

        BookTickerQuote quote = (await _h.Client.GetBookTickerAsync("BTCUSDC")).Value;

        _h.Server.Requests.Single().Query.Should().Be("symbol=BTCUSDC");
        quote.Should().Be(new BookTickerQuote { Symbol = "BTCUSDC", BidPrice = F("61837.63"), BidQty = F("3.78826"), AskPrice = F("61837.64"), AskQty = F("1.54698") });
    }

    [Fact]
    public async Task Ticker24h_turns_empty_strings_and_nulls_into_absent_values()
    {
        _h.Server.Json("GET", "/api/v3/ticker/24hr", MexcRestBodies.Ticker24h);

        Ticker24h ticker = (await _h.Client.GetTicker24hAsync("BTCUSDT")).Value;

        ticker.Should().Be(new Ticker24h
        {
            Symbol = "BTCUSDT",
            PriceChange = F("184.34"),
            PriceChangePercent = 0.00400048m,
            PrevClosePrice = F("46079.37"),
            LastPrice = F("46263.71"),
            BidPrice = F("46260.38"),
            BidQty = null,
            AskPrice = F("46260.41"),
            AskQty = null,
            OpenPrice = F("46079.37"),
            HighPrice = F("47550.01"),
            LowPrice = F("45555.5"),
            Volume = 1732.461487m,
            QuoteVolume = null,
            OpenTime = 1641349500000,
            CloseTime = 1641349582808,
            Count = null,
        });
    }

    [Fact]
    public async Task A_price_with_a_ninth_decimal_is_refused_rather_than_rounded()
    {
        _h.Server.Json("GET", "/api/v3/ticker/bookTicker", """{"symbol":"X","bidPrice":"1.000000001","bidQty":"1","askPrice":"2","askQty":"1"}""");

        MexcResult<BookTickerQuote> result = await _h.Client.GetBookTickerAsync("X");

        result.Error!.Kind.Should().Be(MexcErrorKind.MalformedResponse);
        result.Error.Message.Should().Contain("$.bidPrice").And.Contain("'1.000000001' is not a decimal with at most 8 places");
    }

    private static Fixed8 Sum(ReadOnlySpan<PriceLevel> levels)
    {
        Fixed8 sum = Fixed8.Zero;
        foreach (PriceLevel level in levels)
        {
            sum += level.Quantity;
        }

        return sum;
    }
}
