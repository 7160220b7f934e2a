using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using FlashTrader.Core.Market;
using FlashTrader.Mexc.Frames;

namespace FlashTrader.Mexc.Simulator.Tests.TestData;

/// <summary>A plain ClientWebSocket speaking MEXC's protocol; binary pushes are decoded with the repository's decoder.</summary>
public sealed class StreamClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[1 << 20];
    private readonly MexcPushDecoder _decoder;
    private readonly Collector _collector = new();

    private StreamClient(IEnumerable<string> symbols) => _decoder = new MexcPushDecoder(new SymbolTable(symbols), new DepthLevelsPool());

    public System.Net.WebSockets.WebSocket Socket => _socket;

    public MexcPushDecoder Decoder => _decoder;

    public static async Task<StreamClient> ConnectAsync(Uri url, params string[] symbols)
    {
        var client = new StreamClient(symbols.Length > 0 ? symbols : ["BTCUSDC", "ETHUSDC"]);
        client._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await client._socket.ConnectAsync(url, CancellationToken.None);
        return client;
    }

    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SubscribeAsync(int id, params string[] channels) =>
        SendAsync(JsonSerializer.Serialize(new { method = "SUBSCRIPTION", @params = channels, id }));

    /// <summary>The next message: a text reply (Text set) or a binary push (Frame set); null once the server closed.</summary>
    public async Task<StreamMessage?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        int length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(_buffer.AsMemory(length), cts.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        return result.MessageType switch
        {
            WebSocketMessageType.Close => null,
            WebSocketMessageType.Text => new StreamMessage(Encoding.UTF8.GetString(_buffer, 0, length), null),
            _ => new StreamMessage(null, _buffer.AsSpan(0, length).ToArray()),
        };
    }

    /// <summary>Receives until a text reply arrives (pushes before it are skipped).</summary>
    public async Task<JsonElement> ReplyAsync()
    {
        while (true)
        {
            StreamMessage message = await ReceiveAsync() ?? throw new InvalidOperationException($"the server closed the connection: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            if (message.Text is not null)
            {
                return JsonDocument.Parse(message.Text).RootElement.Clone();
            }
        }
    }

    /// <summary>Decodes a binary push; returns the decode result and the events and private updates it carried.</summary>
    public (MexcDecodeResult Result, Collector Decoded) Decode(byte[] frame)
    {
        _collector.Clear();
        Collector sink = _collector;
        MexcDecodeResult result = _decoder.Decode(frame, 0, ref sink);
        return (result, _collector);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
            }
        }

        _socket.Dispose();
    }

    /// <summary>What one decoded push carried. Depth levels are copied (the decoder's buffers are returned).</summary>
    public sealed class Collector : IMexcPushSink
    {
        public List<MarketEvent> Events { get; } = [];

        public List<(List<PriceLevel> Bids, List<PriceLevel> Asks)> Levels { get; } = [];

        public List<PrivateOrderUpdate> Orders { get; } = [];

        public List<PrivateDeal> Deals { get; } = [];

        public List<PrivateAccountUpdate> Accounts { get; } = [];

        public void Clear()
        {
            Events.Clear();
            Levels.Clear();
            Orders.Clear();
            Deals.Clear();
            Accounts.Clear();
        }

        public void OnEvent(in MarketEvent marketEvent)
        {
            Events.Add(marketEvent.With(marketEvent.SymbolId, null));
            if (marketEvent.HasLevels)
            {
                Levels.Add(([.. marketEvent.Levels.Bids.ToArray()], [.. marketEvent.Levels.Asks.ToArray()]));
                marketEvent.Levels.Release();
            }
            else
            {
                Levels.Add(([], []));
            }
        }

        public void OnOrder(in PrivateOrderUpdate order) => Orders.Add(order);

        public void OnDeal(in PrivateDeal deal) => Deals.Add(deal);

        public void OnAccount(in PrivateAccountUpdate account) => Accounts.Add(account);
    }
}

public sealed record StreamMessage(string? Text, byte[]? Frame);
