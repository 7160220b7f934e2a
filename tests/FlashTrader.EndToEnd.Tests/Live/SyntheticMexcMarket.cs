using System.Globalization;
using System.Text;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.WebSocket;
using FlashTrader.Tests.Shared;

namespace FlashTrader.EndToEnd.Tests.Live;

/// <summary>
/// A small moving market behind the loopback server: every 10 ms each symbol's book changes by one version-chained
/// aggre.depth diff, with a trade every third tick and a book ticker every fifth; GET /api/v3/depth answers with the
/// book at its current version. Counts what it pushed.
/// </summary>
internal sealed class SyntheticMexcMarket : IDisposable
{
    private readonly LoopbackMexcServer _server;
    private readonly Book[] _books;
    private readonly CancellationTokenSource _stop = new(); // not disposed: Dispose may run twice and reads it
    private Task _pushing = Task.CompletedTask;

    public SyntheticMexcMarket(LoopbackMexcServer server, params (string Symbol, decimal Mid)[] symbols)
    {
        _server = server;
        _books = [.. symbols.Select(s => new Book(s.Symbol, s.Mid))];
        server.DepthResponder = (symbol, limit) => _books.FirstOrDefault(b => b.Symbol == symbol)?.SnapshotJson(limit);
    }

    /// <summary>Frames that reached at least one subscribed connection.</summary>
    public int FramesDelivered { get; private set; }

    public void Start() => _pushing = Task.Run(() => PushAsync(_stop.Token));

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
        {
            _stop.Cancel();
            _pushing.GetAwaiter().GetResult();
        }
    }

    private async Task PushAsync(CancellationToken stop)
    {
        long tick = 0;
        while (!stop.IsCancellationRequested)
        {
            tick++;
            foreach (Book book in _books)
            {
                foreach ((string channel, byte[] frame) in book.Next(tick))
                {
                    if (await _server.PushAsync(channel, frame) > 0)
                    {
                        FramesDelivered++;
                    }
                }
            }

            try
            {
                await Task.Delay(10, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private sealed class Book(string symbol, decimal mid)
    {
        private readonly Lock _gate = new();
        private readonly SortedDictionary<decimal, decimal> _bids = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
        private readonly SortedDictionary<decimal, decimal> _asks = new();
        private readonly byte[] _symbol = Encoding.UTF8.GetBytes(symbol);
        private long _version = 1000;

        public string Symbol => symbol;

        public List<(string Channel, byte[] Frame)> Next(long tick)
        {
            var frames = new List<(string, byte[])>();
            long nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            lock (_gate)
            {
                if (_bids.Count == 0)
                {
                    for (int i = 1; i <= 20; i++)
                    {
                        _bids[mid - i] = 1m + (i * 0.1m);
                        _asks[mid + i] = 1m + (i * 0.1m);
                    }
                }

                // One level near the top changes each tick; quantities cycle so the book keeps its shape.
                _version++;
                decimal offset = 1 + (tick % 5);
                decimal quantity = 0.5m + ((tick % 7) * 0.25m);
                bool bid = tick % 2 == 0;
                decimal price = bid ? mid - offset : mid + offset;
                (bid ? _bids : _asks)[price] = quantity;
                var levels = new DepthLevels();
                levels.Add(bid ? Side.Buy : Side.Sell, new PriceLevel(Fixed8.FromDecimal(price), Fixed8.FromDecimal(quantity)));
                frames.Add(Encode(MexcChannels.AggreDepth(symbol), MarketEvent.DepthDiff(0, nowMs * 1_000_000, 0, _version, _version, levels)));
                decimal bestBid = _bids.First().Key, bestAsk = _asks.First().Key;
                if (tick % 3 == 0)
                {
                    Side aggressor = tick % 2 == 0 ? Side.Buy : Side.Sell;
                    frames.Add(Encode(MexcChannels.AggreDeals(symbol), MarketEvent.Trade(0, nowMs * 1_000_000, 0, Fixed8.FromDecimal(aggressor == Side.Buy ? bestAsk : bestBid), Fixed8.FromDecimal(0.01m), aggressor, tick)));
                }

                if (tick % 5 == 0)
                {
                    frames.Add(Encode(MexcChannels.AggreBookTicker(symbol), MarketEvent.BookTicker(0, nowMs * 1_000_000, 0, Fixed8.FromDecimal(bestBid), Fixed8.FromDecimal(_bids[bestBid]), Fixed8.FromDecimal(bestAsk), Fixed8.FromDecimal(_asks[bestAsk]), _version)));
                }
            }

            return frames;
        }

        public string SnapshotJson(int limit)
        {
            lock (_gate)
            {
                static string Levels(IEnumerable<KeyValuePair<decimal, decimal>> side, int limit) =>
                    string.Join(",", side.Take(limit).Select(l => $"[\"{l.Key.ToString(CultureInfo.InvariantCulture)}\",\"{l.Value.ToString(CultureInfo.InvariantCulture)}\"]"));
                return $"{{\"lastUpdateId\":{_version},\"bids\":[{Levels(_bids, limit)}],\"asks\":[{Levels(_asks, limit)}]}}";
            }
        }

        private (string, byte[]) Encode(string channel, in MarketEvent ev)
        {
            byte[] c = Encoding.UTF8.GetBytes(channel);
            byte[] buffer = new byte[MexcPushEncoder.MaxLength(ev, c.Length, _symbol.Length)];
            if (!MexcPushEncoder.TryEncode(ev, c, _symbol, buffer, out int written))
            {
                throw new InvalidOperationException($"could not encode a {ev.Kind} frame");
            }

            return (channel, buffer[..written]);
        }
    }
}
