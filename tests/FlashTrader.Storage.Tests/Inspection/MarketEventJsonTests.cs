using System.Text;
using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Storage.Inspection;
using FlashTrader.Storage.Tests.Recording;

namespace FlashTrader.Storage.Tests.Inspection;

public sealed class MarketEventJsonTests
{
    private static readonly MarketEvent[] Events = SampleEvents.AllKinds();

    private static string Json(in MarketEvent ev)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            MarketEventJson.Write(w, ev, SampleEvents.Symbols);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public void A_trade_has_exact_decimal_strings_side_and_id() =>
        Json(Events[3]).Should().Be(
            """{"kind":"trade","symbol":"BTCUSDC","exchangeTime":"2024-08-08T23:54:15.343Z","exchangeTimeNs":1723161255343000000,"localTime":"2024-08-08T23:54:14.0878965Z","localTimeNs":1723161254087896568,"price":"61837.63","quantity":"0.02","side":"SELL","tradeId":3735683259}""");

    [Fact]
    public void A_depth_diff_lists_its_levels_as_price_quantity_pairs() =>
        Json(Events[1]).Should().Be(
            """{"kind":"depth","symbol":"BTCUSDC","exchangeTime":"2024-08-08T23:54:15.308Z","exchangeTimeNs":1723161255308000000,"localTime":"2024-08-08T23:54:14.008Z","localTimeNs":1723161254008000000,"firstUpdateId":50093239219,"lastUpdateId":50093239230,"bids":[["61737.63","0"]],"asks":[["61839.85","0"],["61839.86","0.00000001"]]}""");

    [Fact]
    public void A_kline_carries_its_open_time_interval_and_ohlcv() =>
        Json(Events[6]).Should().Be(
            """{"kind":"kline","symbol":"BTCUSDC","exchangeTime":"2024-08-08T23:55:15.208Z","exchangeTimeNs":1723161315208000000,"localTime":"2024-08-08T23:55:15.208Z","localTimeNs":1723161315208000000,"openTime":"2024-08-08T23:54:15.208Z","openTimeNs":1723161255208000000,"intervalSeconds":60,"open":"23143.82","high":"23152.65","low":"23140.02","close":"23152.65","volume":"0.000054","quoteVolume":"-1.5"}""");

    [Fact]
    public void Snapshot_book_ticker_and_raw_frame_carry_their_fields()
    {
        using JsonDocument snapshot = JsonDocument.Parse(Json(Events[0]));
        snapshot.RootElement.GetProperty("lastUpdateId").GetInt64().Should().Be(50_093_239_218);
        snapshot.RootElement.GetProperty("bids")[1][1].GetString().Should().Be("0.617");

        using JsonDocument ticker = JsonDocument.Parse(Json(Events[5]));
        ticker.RootElement.GetProperty("symbol").GetString().Should().Be("ETHUSDC");
        ticker.RootElement.GetProperty("bidPrice").GetString().Should().Be("2683.8");
        ticker.RootElement.GetProperty("askQuantity").GetString().Should().Be("31.4395");
        ticker.RootElement.GetProperty("updateId").GetInt64().Should().Be(35_346_513_501);
        ticker.RootElement.GetProperty("localTimeNs").GetInt64().Should().BeLessThan(ticker.RootElement.GetProperty("exchangeTimeNs").GetInt64());

        using JsonDocument raw = JsonDocument.Parse(Json(Events[7]));
        raw.RootElement.GetProperty("kind").GetString().Should().Be("rawFrame");
        raw.RootElement.GetProperty("payload").GetBytesFromBase64().Should().Equal(0x0A, 0x03, 0x66, 0x6F, 0x6F, 0xFF);
    }
}
