using System.Diagnostics;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;
using FlashTrader.Mexc.Simulator.Exchange;
using FlashTrader.Mexc.Simulator.Streams;
using FlashTrader.Storage.Recording;

namespace FlashTrader.Mexc.Simulator.Market;

/// <summary>
/// Replays the recording as the exchange's market: applies each event to the served state (books, trades, klines,
/// resting orders) under the exchange lock, then pushes it to the subscribed channels. Before serving, each symbol's
/// book is synced from the recording's snapshot and the diffs around it, so every pushed diff continues the served
/// book's version (REST depth's lastUpdateId). With <see cref="SimulatorOptions.Loop"/> the recording starts over
/// with versions and times shifted to keep increasing, the jump between the two books pushed as one diff.
/// </summary>
internal sealed class ReplayFeed
{
    private readonly SimulatedExchange _exchange;
    private readonly PushFrames _frames = new();
    private readonly List<(PushTopic Topic, OutboundFrame Frame)> _out = new(64);
    private readonly PrivateUpdates _private = new();
    private readonly Aggregators[] _aggregators;
    private readonly long[] _lastKlineSecond;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long[] _versionOffset;
    private long _timeOffsetNs;
    private long _lastServedNs;

    public ReplayFeed(SimulatedExchange exchange)
    {
        _exchange = exchange;
        _aggregators = [.. exchange.Symbols.Select(_ => new Aggregators())];
        _lastKlineSecond = new long[exchange.Symbols.Length];
        _versionOffset = new long[exchange.Symbols.Length];
    }

    /// <summary>Completes once every symbol's book is synced and served.</summary>
    public Task Synced => _synced.Task;

    /// <summary>Completes when the recording has been replayed to its end (never with Loop).</summary>
    public Task Completed => _completed.Task;

    public long EventsReplayed { get; private set; }

    public long Loops { get; private set; }

    /// <summary>Events of recorded symbols no served pair maps to.</summary>
    public long SkippedEvents { get; private set; }

    public void Start() => _started.TrySetResult();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            bool first = true;
            long paceStartNs = 0, paceStartTimestamp = 0;
            do
            {
                using RecordingReader reader = RecordingReader.Open(_exchange.Options.RecordingPath);
                int[] map = MapSymbols(reader.Header);
                // Unaggregated, the first pass serves the recording from its first event: the books sync from the
                // recorded snapshots where the recording has them, as a replay's do.
                OrderBook[] warm;
                MarketEvent pending;
                bool hasPending;
                if (first && _exchange.Options.Unaggregated)
                {
                    warm = [.. _exchange.Symbols.Select(s => new OrderBook(s.Name))];
                    hasPending = reader.TryRead(out pending);
                }
                else
                {
                    warm = WarmUp(reader, map, out pending, out hasPending);
                }

                lock (_exchange.Gate)
                {
                    Install(warm, first, hasPending ? pending.ExchangeTimeNs : 0);
                }

                if (first)
                {
                    _synced.TrySetResult();
                    await _started.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                    if (_exchange.Options.LiveTimes && hasPending)
                    {
                        _timeOffsetNs = (_exchange.NowMs * 1_000_000) - pending.ExchangeTimeNs;
                    }

                    if (_exchange.Options.Unaggregated)
                    {
                        await WaitForDepthSubscribersAsync(cancellationToken).ConfigureAwait(false);
                    }

                    paceStartTimestamp = Stopwatch.GetTimestamp();
                    paceStartNs = hasPending ? pending.ExchangeTimeNs + _timeOffsetNs : 0;
                }
                else
                {
                    await PublishAsync(cancellationToken).ConfigureAwait(false);
                }

                first = false;
                bool more = hasPending;
                MarketEvent ev = pending;
                while (more && !cancellationToken.IsCancellationRequested)
                {
                    int symbol = map[ev.SymbolId];
                    if (symbol >= 0 && ev.Kind != MarketEventKind.RawFrame && ev.Kind != MarketEventKind.Kline)
                    {
                        long servedNs = ev.ExchangeTimeNs + _timeOffsetNs;
                        if (_exchange.Options.Speed is double speed)
                        {
                            await PaceAsync(servedNs - paceStartNs, speed, paceStartTimestamp, cancellationToken).ConfigureAwait(false);
                        }

                        lock (_exchange.Gate)
                        {
                            Apply(ev, symbol, servedNs);
                        }

                        await PublishAsync(cancellationToken).ConfigureAwait(false);
                        EventsReplayed++;
                        if (_exchange.Options.Unaggregated && ev.Kind == MarketEventKind.DepthSnapshot && _exchange.Symbols[symbol].Book.IsSynced)
                        {
                            // Hold here until a client has fetched this snapshot: it syncs where a replay does.
                            _exchange.OnSnapshotReady(symbol, servedNs);
                            await _exchange.SnapshotServed(symbol).WaitAsync(cancellationToken).ConfigureAwait(false);
                        }
                    }
                    else
                    {
                        SkippedEvents++;
                    }

                    more = reader.TryRead(out ev);
                }

                lock (_exchange.Gate)
                {
                    FlushAll();
                }

                await PublishAsync(cancellationToken).ConfigureAwait(false);
                Loops++;
            }
            while (_exchange.Options.Loop && !cancellationToken.IsCancellationRequested);

            _completed.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            _synced.TrySetCanceled(cancellationToken);
            _completed.TrySetCanceled(cancellationToken);
        }
        catch (Exception ex)
        {
            _synced.TrySetException(ex);
            _completed.TrySetException(ex);
            throw;
        }
    }

    private int[] MapSymbols(RecordingHeader header)
    {
        int[] map = [.. header.Symbols.Select(s => _exchange.Instruments.Find(s)?.Id ?? -1)];
        if (map.All(m => m < 0))
        {
            throw new InvalidOperationException(
                $"{_exchange.Options.RecordingPath}: its symbols ({string.Join(", ", header.Symbols)}) match no served pair " +
                $"({string.Join(", ", _exchange.Instruments.All.Select(i => i.Symbol))}); map them with TradingPairs:N:SourceSymbols");
        }

        return map;
    }

    /// <summary>Reads depth events until every served symbol's book is synced; returns the first event after that.</summary>
    private OrderBook[] WarmUp(RecordingReader reader, int[] map, out MarketEvent next, out bool hasNext)
    {
        OrderBook[] books = [.. _exchange.Symbols.Select(s => new OrderBook(s.Name))];
        bool[] fed = new bool[books.Length];
        foreach (int m in map.Where(m => m >= 0))
        {
            fed[m] = true;
        }

        while (reader.TryRead(out next))
        {
            int symbol = map[next.SymbolId];
            if (symbol >= 0 && next.Kind == MarketEventKind.DepthSnapshot)
            {
                books[symbol].ApplySnapshot(next.LastUpdateId, next.Levels, next.ExchangeTimeNs);
            }
            else if (symbol >= 0 && next.Kind == MarketEventKind.DepthDiff)
            {
                books[symbol].ApplyDiff(next.FirstUpdateId, next.LastUpdateId, next.Levels, next.ExchangeTimeNs);
            }

            if (books.Where((_, i) => fed[i]).All(b => b.IsSynced))
            {
                hasNext = reader.TryRead(out next);
                return books;
            }
        }

        string unsynced = string.Join(", ", books.Where((b, i) => fed[i] && !b.IsSynced).Select(b => b.Symbol));
        throw new InvalidOperationException($"{_exchange.Options.RecordingPath}: no depth snapshot to sync {unsynced} from: the simulator needs one per symbol");
    }

    /// <summary>Makes the warmed-up books the served ones: at once the first time, else through one bridging diff.</summary>
    private void Install(OrderBook[] warm, bool first, long firstRecordedNs)
    {
        if (first)
        {
            for (int i = 0; i < warm.Length; i++)
            {
                _exchange.Symbols[i].Book = warm[i];
            }

            return;
        }

        // Served times continue 100 ms after the last one; each symbol's versions continue at its next version.
        _timeOffsetNs = _lastServedNs + 100_000_000 - firstRecordedNs;
        for (int i = 0; i < warm.Length; i++)
        {
            SimulatedSymbol symbol = _exchange.Symbols[i];
            long version = symbol.Book.LastUpdateId + 1;
            _versionOffset[i] = version - warm[i].LastUpdateId;
            var bridge = new DepthLevels(256);
            AddChanges(symbol.Book.BidsFromBest, warm[i].BidsFromBest, bridge, Side.Buy);
            AddChanges(symbol.Book.AsksFromBest, warm[i].AsksFromBest, bridge, Side.Sell);
            var diff = MarketEvent.DepthDiff(i, _lastServedNs + 1, 0, version, version, bridge);
            symbol.Book.ApplyDiff(version, version, bridge, diff.ExchangeTimeNs);
            OnDiff(symbol, diff);
        }
    }

    private static void AddChanges(BookSide.LevelsFromBest from, BookSide.LevelsFromBest to, DepthLevels bridge, Side side)
    {
        var target = new Dictionary<long, PriceLevel>();
        foreach (PriceLevel level in to)
        {
            target[level.Price.Raw] = level;
        }

        foreach (PriceLevel level in from)
        {
            if (!target.ContainsKey(level.Price.Raw))
            {
                bridge.Add(side, new PriceLevel(level.Price, default));
            }
        }

        foreach (PriceLevel level in target.Values)
        {
            bridge.Add(side, level);
        }
    }

    private void Apply(in MarketEvent recorded, int symbolId, long servedNs)
    {
        SimulatedSymbol symbol = _exchange.Symbols[symbolId];
        long servedMs = servedNs / 1_000_000;
        _lastServedNs = servedNs;
        symbol.LastEventTimeMs = servedMs;
        FlushDue(servedMs);
        long nowMs = _exchange.NowMs;
        switch (recorded.Kind)
        {
            case MarketEventKind.DepthDiff:
                var diff = MarketEvent.DepthDiff(symbolId, servedNs, recorded.LocalTimeNs, recorded.FirstUpdateId + _versionOffset[symbolId], recorded.LastUpdateId + _versionOffset[symbolId], recorded.Levels);
                if (symbol.Book.ApplyDiff(diff.FirstUpdateId, diff.LastUpdateId, diff.Levels, servedNs) == DepthDiffOutcome.Applied)
                {
                    OnDiff(symbol, diff);
                    _exchange.Engine.OnMarket(symbol, diff, nowMs, _private);
                }
                else if (_exchange.Options.Unaggregated)
                {
                    // Every recorded diff goes out, also those before the snapshot: a client buffers them as a replay does.
                    OnDiff(symbol, diff);
                }

                break;
            case MarketEventKind.DepthSnapshot:
                // The served book is already synced; a later recorded snapshot only matters after a recorded gap.
                if (!symbol.Book.IsSynced)
                {
                    symbol.Book.ApplySnapshot(recorded.LastUpdateId + _versionOffset[symbolId], recorded.Levels, servedNs);
                }

                break;
            case MarketEventKind.Trade:
                var trade = MarketEvent.Trade(symbolId, servedNs, recorded.LocalTimeNs, recorded.Price, recorded.Quantity, recorded.Side, recorded.TradeId);
                symbol.Trades.Add(new PublicTrade(servedMs, trade.Price, trade.Quantity, trade.Side, trade.TradeId));
                symbol.Klines.AddTrade(servedMs, trade.Price, trade.Quantity);
                symbol.LastPrice = trade.Price;
                symbol.TradeCount++;
                if (_exchange.Options.Unaggregated)
                {
                    foreach (PushTopic topic in _exchange.Hub.BySymbol[symbolId].Deals)
                    {
                        if (topic.HasSubscribers)
                        {
                            _out.Add((topic, _frames.Deals(new ReadOnlySpan<MarketEvent>(in trade), topic, symbol.Utf8Name)));
                        }
                    }
                }
                else
                {
                    foreach (PushAggregator a in _aggregators[symbolId].Deals)
                    {
                        a.AddTrade(trade);
                    }
                }

                _exchange.Engine.OnMarket(symbol, trade, nowMs, _private);
                break;
            case MarketEventKind.BookTicker:
                var quote = MarketEvent.BookTicker(symbolId, servedNs, recorded.LocalTimeNs, recorded.BidPrice, recorded.BidQuantity, recorded.AskPrice, recorded.AskQuantity, recorded.UpdateId == 0 ? 0 : recorded.UpdateId + _versionOffset[symbolId]);
                symbol.LastQuote = quote;
                symbol.HasQuote = true;
                if (_exchange.Options.Unaggregated)
                {
                    foreach (PushTopic topic in _exchange.Hub.BySymbol[symbolId].BookTicker)
                    {
                        if (topic.HasSubscribers)
                        {
                            _out.Add((topic, _frames.Market(quote, topic, symbol.Utf8Name)));
                        }
                    }
                }
                else
                {
                    foreach (PushAggregator a in _aggregators[symbolId].Quotes)
                    {
                        a.AddQuote(quote);
                    }
                }

                break;
        }

        if (!_exchange.Options.Unaggregated)
        {
            PushKlines(symbol, servedMs);
        }

        if (!_private.IsEmpty)
        {
            _frames.Private(_private, _exchange.Hub, id => _exchange.Symbols[id].Utf8Name, nowMs, _out);
            _private.Clear();
        }
    }

    private void OnDiff(SimulatedSymbol symbol, in MarketEvent diff)
    {
        if (_exchange.Options.Unaggregated)
        {
            foreach (PushTopic topic in _exchange.Hub.BySymbol[symbol.Id].Depth)
            {
                if (topic.HasSubscribers && !_exchange.Faults.ShouldSkipDiff())
                {
                    _out.Add((topic, _frames.Market(diff, topic, symbol.Utf8Name)));
                }
            }
        }
        else
        {
            foreach (PushAggregator a in _aggregators[symbol.Id].Depth)
            {
                a.AddDiff(diff);
            }
        }

        foreach (PushTopic topic in _exchange.Hub.BySymbol[symbol.Id].LimitDepth)
        {
            if (topic.HasSubscribers)
            {
                DepthLevels top = TopOfBook(symbol.Book, topic.Parameter);
                var snapshot = MarketEvent.DepthSnapshot(symbol.Id, diff.ExchangeTimeNs, 0, symbol.Book.LastUpdateId, top);
                _out.Add((topic, _frames.Market(snapshot, topic, symbol.Utf8Name)));
            }
        }
    }

    private readonly DepthLevels _top = new(32);

    private DepthLevels TopOfBook(OrderBook book, int levels)
    {
        _top.Clear();
        int bids = 0;
        foreach (PriceLevel level in book.BidsFromBest)
        {
            if (bids++ == levels)
            {
                break;
            }

            _top.AddBid(level);
        }

        int asks = 0;
        foreach (PriceLevel level in book.AsksFromBest)
        {
            if (asks++ == levels)
            {
                break;
            }

            _top.AddAsk(level);
        }

        return _top;
    }

    /// <summary>Kline pushes about once a second (of served time): the bar in progress of each subscribed interval.</summary>
    private void PushKlines(SimulatedSymbol symbol, long servedMs)
    {
        long second = servedMs / 1000;
        if (second == _lastKlineSecond[symbol.Id])
        {
            return;
        }

        _lastKlineSecond[symbol.Id] = second;
        foreach (PushTopic topic in _exchange.Hub.BySymbol[symbol.Id].Klines)
        {
            if (topic.HasSubscribers && symbol.Klines.TryGetCurrent(topic.KlineInterval!, out KlineBar bar))
            {
                long intervalSeconds = (bar.CloseTimeMs + 1 - bar.OpenTimeMs) / 1000;
                var kline = MarketEvent.Kline(symbol.Id, servedMs * 1_000_000, 0, bar.OpenTimeMs * 1_000_000, intervalSeconds,
                    bar.Open, bar.High, bar.Low, bar.Close, bar.Volume, Fixed8.RoundFromDecimal(bar.QuoteVolume));
                _out.Add((topic, _frames.Market(kline, topic, symbol.Utf8Name)));
            }
        }
    }

    private void FlushDue(long nowMs)
    {
        for (int s = 0; s < _aggregators.Length; s++)
        {
            Flush(s, nowMs, all: false);
        }
    }

    private void FlushAll()
    {
        for (int s = 0; s < _aggregators.Length; s++)
        {
            Flush(s, 0, all: true);
        }
    }

    private void Flush(int symbolId, long nowMs, bool all)
    {
        SimulatedSymbol symbol = _exchange.Symbols[symbolId];
        PushHub.SymbolTopics topics = _exchange.Hub.BySymbol[symbolId];
        Aggregators aggregators = _aggregators[symbolId];
        for (int w = 0; w < PushHub.AggregationWindowsMs.Length; w++)
        {
            PushAggregator deals = aggregators.Deals[w];
            if (all ? deals.HasPending : deals.IsDue(nowMs))
            {
                if (topics.Deals[w].HasSubscribers)
                {
                    _out.Add((topics.Deals[w], _frames.Deals(deals.Trades, topics.Deals[w], symbol.Utf8Name)));
                }

                deals.ClearTrades();
            }

            PushAggregator depth = aggregators.Depth[w];
            if (all ? depth.HasPending : depth.IsDue(nowMs))
            {
                MarketEvent merged = depth.TakeDiff(symbolId);
                if (topics.Depth[w].HasSubscribers && !_exchange.Faults.ShouldSkipDiff())
                {
                    _out.Add((topics.Depth[w], _frames.Market(merged, topics.Depth[w], symbol.Utf8Name)));
                }
            }

            PushAggregator quotes = aggregators.Quotes[w];
            if (all ? quotes.HasPending : quotes.IsDue(nowMs))
            {
                MarketEvent quote = quotes.TakeQuote();
                if (topics.BookTicker[w].HasSubscribers)
                {
                    _out.Add((topics.BookTicker[w], _frames.Market(quote, topics.BookTicker[w], symbol.Utf8Name)));
                }
            }
        }
    }

    /// <summary>Waits until every symbol's depth channel (any aggregation) has a subscriber.</summary>
    private async Task WaitForDepthSubscribersAsync(CancellationToken cancellationToken)
    {
        while (!_exchange.Hub.BySymbol.TrueForAll(topics => topics.Depth.Exists(t => t.HasSubscribers)))
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask PublishAsync(CancellationToken cancellationToken)
    {
        if (_out.Count == 0)
        {
            return;
        }

        foreach ((PushTopic topic, OutboundFrame frame) in _out)
        {
            await _exchange.Hub.PublishAsync(topic, frame, cancellationToken).ConfigureAwait(false);
        }

        _out.Clear();
    }

    private static async ValueTask PaceAsync(long offsetNs, double speed, long startTimestamp, CancellationToken cancellationToken)
    {
        double due = offsetNs / 1e9 / speed;
        double ahead = due - Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
        if (ahead > 0.001)
        {
            await Task.Delay(TimeSpan.FromSeconds(ahead), cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class Aggregators
    {
        public PushAggregator[] Deals { get; } = [.. PushHub.AggregationWindowsMs.Select(w => new PushAggregator(w))];

        public PushAggregator[] Depth { get; } = [.. PushHub.AggregationWindowsMs.Select(w => new PushAggregator(w))];

        public PushAggregator[] Quotes { get; } = [.. PushHub.AggregationWindowsMs.Select(w => new PushAggregator(w))];
    }
}
