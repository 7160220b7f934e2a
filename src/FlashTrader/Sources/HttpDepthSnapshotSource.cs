using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Book;

namespace FlashTrader.Sources;

/// <summary>
/// A minimal GET /api/v3/depth over HttpClient: the interim snapshot source of the live market data until the MEXC REST
/// client (rate budget, retries, circuit breaker) is merged; <see cref="LiveMarketSource.CreateSnapshotSource"/> is the
/// one place to swap it. The body <c>{"lastUpdateId":n,"bids":[["price","qty"],...],"asks":[...]}</c> is parsed straight
/// into fixed-point levels; a bad body is an error naming the symbol and the byte offset.
/// </summary>
public sealed class HttpDepthSnapshotSource(HttpClient http, TimeProvider time) : IDepthSnapshotSource
{
    public async ValueTask<MarketEvent> GetDepthSnapshotAsync(string symbol, int symbolId, int limit, DepthLevelsPool pool, CancellationToken cancellationToken)
    {
        string path = $"api/v3/depth?symbol={Uri.EscapeDataString(symbol)}&limit={limit}";
        using HttpResponseMessage response = await http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        long receivedNs = (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        if (!response.IsSuccessStatusCode)
        {
            string text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
            throw new HttpRequestException($"GET /{path}: HTTP {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }

        DepthLevels levels = pool.Rent();
        try
        {
            long lastUpdateId = Parse(body, levels, symbol);

            // MEXC's depth body carries no time: the receive time stands for the exchange time.
            return MarketEvent.DepthSnapshot(symbolId, receivedNs, receivedNs, lastUpdateId, levels);
        }
        catch
        {
            levels.Release();
            throw;
        }
    }

    /// <summary>Parses a depth body into <paramref name="levels"/>; returns lastUpdateId.</summary>
    public static long Parse(ReadOnlySpan<byte> body, DepthLevels levels, string symbol)
    {
        var reader = new Utf8JsonReader(body);
        long? lastUpdateId = null;
        try
        {
            Expect(ref reader, JsonTokenType.StartObject, symbol, "the body");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("lastUpdateId"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long id))
                    {
                        throw Bad(symbol, "lastUpdateId is not an integer", reader.TokenStartIndex);
                    }

                    lastUpdateId = id;
                }
                else if (reader.ValueTextEquals("bids"u8) || reader.ValueTextEquals("asks"u8))
                {
                    Side side = reader.ValueTextEquals("bids"u8) ? Side.Buy : Side.Sell;
                    ReadLevels(ref reader, levels, side, symbol);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException ex)
        {
            throw Bad(symbol, "not valid JSON (" + ex.Message + ")", ex.BytePositionInLine ?? reader.TokenStartIndex);
        }

        return lastUpdateId ?? throw Bad(symbol, "lastUpdateId is missing", 0);
    }

    private static void ReadLevels(ref Utf8JsonReader reader, DepthLevels levels, Side side, string symbol)
    {
        Expect(ref reader, JsonTokenType.StartArray, symbol, side == Side.Buy ? "bids" : "asks");
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            Fixed8 price = ReadDecimal(ref reader, symbol, "price");
            Fixed8 quantity = ReadDecimal(ref reader, symbol, "quantity");
            reader.Read();
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                throw Bad(symbol, "a level has more than [price, quantity]", reader.TokenStartIndex);
            }

            levels.Add(side, new PriceLevel(price, quantity));
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw Bad(symbol, "a level is not a [price, quantity] array", reader.TokenStartIndex);
        }
    }

    private static Fixed8 ReadDecimal(ref Utf8JsonReader reader, string symbol, string what)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped || !Fixed8.TryParse(reader.ValueSpan, out Fixed8 value))
        {
            throw Bad(symbol, $"a level's {what} is not a decimal string", reader.TokenStartIndex);
        }

        return value;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string symbol, string what)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw Bad(symbol, $"{what} is not a JSON {(type == JsonTokenType.StartObject ? "object" : "array")}", reader.TokenStartIndex);
        }
    }

    private static FormatException Bad(string symbol, string problem, long offset) =>
        new($"GET /api/v3/depth for {symbol}: {problem} at byte offset {offset}");
}
