using System.Text;
using FlashTrader.Core.Market;

namespace FlashTrader.Storage.Import.Binance;

/// <summary>
/// The events of one symbol's Binance capture files, concatenated in time order and kept in capture order.
/// Exchange time is 'E' for depthUpdate, trade and aggTrade (and futures bookTicker). Spot bookTicker and the REST
/// snapshot carry no exchange time: it is estimated as local time plus the most recent observed (E - local) offset of
/// this symbol, and never earlier than the symbol's latest exchange time so far. The offset may have either sign: a
/// capture clock running behind the exchange (local &lt; exchange) is normal.
/// </summary>
internal sealed class BinanceCaptureStream : IImportStream
{
    public const string EstimatedTimeNote =
        "binance-capture: bookTicker and REST depth snapshots carry no exchange time; it is estimated as local receive time + the symbol's most recently observed (E - local) offset, kept non-decreasing within the symbol";

    private const string PartialDepth = "partial book depth";

    private readonly IReadOnlyList<BinanceCaptureProbe> _files;
    private readonly ImportDiagnostics _diagnostics;
    private readonly BinanceMessage _message = new(new DepthLevels(1024));
    private readonly byte[] _sourceSymbol;
    private readonly Dictionary<string, long> _ignored = new(StringComparer.Ordinal);
    private ImportLineReader? _reader;
    private int _nextFile;
    private long _offsetNs;
    private long _maxExchangeNs = long.MinValue;
    private bool _sawSnapshot;
    private bool _estimated;
    private bool _finished;

    public BinanceCaptureStream(string symbol, IReadOnlyList<BinanceCaptureProbe> files, ImportDiagnostics diagnostics)
    {
        Symbol = symbol;
        _files = files;
        _diagnostics = diagnostics;
        SourceSymbol = files[0].SourceSymbol;
        _sourceSymbol = Encoding.UTF8.GetBytes(SourceSymbol);
        long? offset = files.Select(f => f.FirstOffsetNs).FirstOrDefault(o => o is not null);
        if (offset is null)
        {
            diagnostics.Warn($"{SourceSymbol}: no message carries an exchange time ('E'); exchange time = local receive time");
        }

        _offsetNs = offset ?? 0;
    }

    public string Symbol { get; }

    public string SourceSymbol { get; }

    public bool TryNext(out MarketEvent ev)
    {
        while (true)
        {
            if (_reader is null && !OpenNextFile())
            {
                ev = default;
                return false;
            }

            if (!_reader!.TryReadLine(out ReadOnlySpan<byte> line))
            {
                _reader.Dispose();
                _reader = null;
                continue;
            }

            if (line.IsEmpty)
            {
                continue;
            }

            try
            {
                if (TryDecode(line, out ev))
                {
                    return true;
                }
            }
            catch (BadLineException ex)
            {
                _diagnostics.BadLine(_reader.FileName, _reader.LineNumber, ex.Message);
            }
        }
    }

    private bool TryDecode(ReadOnlySpan<byte> line, out MarketEvent ev)
    {
        ev = default;
        if (!BinanceCaptureLine.TrySplit(line, out ReadOnlySpan<byte> stamp, out ReadOnlySpan<byte> json, out int column))
        {
            throw new BadLineException("line is not '<local timestamp> <json>'");
        }

        long local = ImportValue.EpochNs(stamp, "local timestamp");
        BinanceMessage m = _message;
        m.Parse(json, column);
        if (m.Has(BinanceFields.Symbol) && !m.Symbol.SequenceEqual(_sourceSymbol))
        {
            throw new BadLineException($"{Encoding.UTF8.GetString(m.Symbol)} message in a {SourceSymbol} capture (one symbol per capture file)");
        }

        if (!m.Has(BinanceFields.Symbol) && m.Has(BinanceFields.Stream) && !m.StreamSymbol.SequenceEqual(_sourceSymbol))
        {
            throw new BadLineException($"{Encoding.UTF8.GetString(m.StreamSymbol)} stream in a {SourceSymbol} capture (one symbol per capture file)");
        }

        switch (m.Type)
        {
            case BinanceMessageType.DepthUpdate:
                Require(m, "depthUpdate", BinanceFields.EventTime, "E");
                Require(m, "depthUpdate", BinanceFields.FirstUpdateId, "U");
                Require(m, "depthUpdate", BinanceFields.UpdateId, "u");
                Require(m, "depthUpdate", BinanceFields.Bids, "b");
                Require(m, "depthUpdate", BinanceFields.Asks, "a");
                ev = MarketEvent.DepthDiff(0, Stamped(m, local), local, m.FirstUpdateId, m.UpdateId, m.Levels);
                return true;

            case BinanceMessageType.Trade:
                RequireTrade(m, "trade");
                Require(m, "trade", BinanceFields.TradeId, "t");
                ev = MarketEvent.Trade(0, Stamped(m, local), local, m.Price, m.Quantity, Aggressor(m), m.TradeId);
                return true;

            case BinanceMessageType.AggTrade:
                RequireTrade(m, "aggTrade");
                Require(m, "aggTrade", BinanceFields.AggTradeId, "a");
                ev = MarketEvent.Trade(0, Stamped(m, local), local, m.Price, m.Quantity, Aggressor(m), m.AggTradeId);
                return true;

            case BinanceMessageType.BookTicker:
                Require(m, "bookTicker", BinanceFields.UpdateId, "u");
                Require(m, "bookTicker", BinanceFields.BidPrice, "b");
                Require(m, "bookTicker", BinanceFields.BidQty, "B");
                Require(m, "bookTicker", BinanceFields.AskPrice, "a");
                Require(m, "bookTicker", BinanceFields.AskQty, "A");
                long exchange = m.Has(BinanceFields.EventTime) ? Stamped(m, local) : Estimated(local);
                ev = MarketEvent.BookTicker(0, exchange, local, m.BidPrice, m.BidQuantity, m.AskPrice, m.AskQuantity, m.UpdateId);
                return true;

            case BinanceMessageType.Snapshot when m.Has(BinanceFields.Stream):
                // A snapshot-shaped message on a stream is a partial book (@depth5/10/20): the top levels only.
                // Recorded as a snapshot it would wipe the deeper book, so it is left out.
                _ignored[PartialDepth] = _ignored.GetValueOrDefault(PartialDepth) + 1;
                return false;

            case BinanceMessageType.Snapshot:
                Require(m, "depth snapshot", BinanceFields.Bids, "bids");
                Require(m, "depth snapshot", BinanceFields.Asks, "asks");
                _sawSnapshot = true;
                ev = MarketEvent.DepthSnapshot(0, Estimated(local), local, m.LastUpdateId, m.Levels);
                return true;

            default:
                string type = m.EventTypeName;
                _ignored[type] = _ignored.GetValueOrDefault(type) + 1;
                return false;
        }
    }

    /// <summary>The message's own exchange time; it also updates the clock offset used for unstamped messages.</summary>
    private long Stamped(BinanceMessage m, long local)
    {
        long exchange = ImportValue.EpochNs(m.EventTime, "E");
        _offsetNs = exchange - local;
        _maxExchangeNs = Math.Max(_maxExchangeNs, exchange);
        return exchange;
    }

    private long Estimated(long local)
    {
        if (!_estimated)
        {
            _estimated = true;
            _diagnostics.Note(EstimatedTimeNote);
        }

        long exchange = Math.Max(local + _offsetNs, _maxExchangeNs);
        _maxExchangeNs = exchange;
        return exchange;
    }

    private static Side Aggressor(BinanceMessage m) => m.BuyerIsMaker ? Side.Sell : Side.Buy; // buyer is maker: a seller hit the bid

    private static void RequireTrade(BinanceMessage m, string what)
    {
        Require(m, what, BinanceFields.EventTime, "E");
        Require(m, what, BinanceFields.Price, "p");
        Require(m, what, BinanceFields.Qty, "q");
        Require(m, what, BinanceFields.BuyerMaker, "m");
    }

    private static void Require(BinanceMessage m, string what, BinanceFields field, string key)
    {
        if (!m.Has(field))
        {
            throw new BadLineException($"{what} has no '{key}' field");
        }
    }

    private bool OpenNextFile()
    {
        if (_nextFile < _files.Count)
        {
            _reader = ImportLineReader.Open(_files[_nextFile++].Path);
            return true;
        }

        if (!_finished)
        {
            _finished = true;
            Finish();
        }

        return false;
    }

    private void Finish()
    {
        string files = string.Join(", ", _files.Select(f => f.FileName));
        if (!_sawSnapshot)
        {
            _diagnostics.Warn($"{SourceSymbol} ({files}): capture has no depth snapshot; its depth diffs cannot build a book until a snapshot is fetched");
        }

        foreach ((string type, long count) in _ignored.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            _diagnostics.Warn($"{SourceSymbol} ({files}): ignored {count} '{type}' messages (not a market-data kind this recording holds)");
        }
    }

    public void Dispose() => _reader?.Dispose();
}
