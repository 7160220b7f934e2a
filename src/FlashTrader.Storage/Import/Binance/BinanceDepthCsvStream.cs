using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Storage.Import.Binance;

/// <summary>
/// NautilusTrader's Binance depth CSV: symbol,timestamp,first_update_id,last_update_id,side,update_type,price,qty,pu.
/// Consecutive 'snap' rows form one snapshot (lastUpdateId = last_update_id); 'set' rows sharing
/// (timestamp, first_update_id, last_update_id) form one diff, in file order.
/// </summary>
internal sealed class BinanceDepthCsvStream : CsvImportStream
{
    public const string LocalTimeNote = "binance-depth-csv: the source has no receive time; local time = exchange time";

    private readonly DepthGroup _group = new();
    private readonly int _timestamp;
    private readonly int _first;
    private readonly int _last;
    private readonly int _side;
    private readonly int _updateType;
    private readonly int _price;
    private readonly int _qty;

    public BinanceDepthCsvStream(string path, IReadOnlyDictionary<string, string> symbolMap, ImportDiagnostics diagnostics)
        : base(path, symbolMap, diagnostics)
    {
        _timestamp = Column("timestamp");
        _first = Column("first_update_id");
        _last = Column("last_update_id");
        _side = Column("side");
        _updateType = Column("update_type");
        _price = Column("price");
        _qty = Column("qty");
        diagnostics.Note(LocalTimeNote);
    }

    protected override bool TryRow(ReadOnlySpan<byte> line, out MarketEvent ev)
    {
        long exchange = ImportValue.EpochNs(line[Fields[_timestamp]], "timestamp");
        long first = ImportValue.Integer(line[Fields[_first]], "first_update_id");
        long last = ImportValue.Integer(line[Fields[_last]], "last_update_id");
        bool snapshot = IsSnapshot(line[Fields[_updateType]]);
        Side side = BookSide(line[Fields[_side]]);
        Fixed8 price = ImportValue.Decimal(line[Fields[_price]], "price");
        Fixed8 qty = ImportValue.Decimal(line[Fields[_qty]], "qty");
        if (first > last)
        {
            throw new BadLineException($"first_update_id {first} is after last_update_id {last}");
        }

        // Consecutive snap rows form one snapshot; its id is the last_update_id the rows carry.
        bool sameGroup = snapshot
            ? _group.IsOpen && _group.IsSnapshot && last == _group.LastUpdateId
            : _group.Matches(false, exchange, exchange, first, last);
        ev = default;
        bool completed = false;
        if (_group.IsOpen && !sameGroup)
        {
            ev = _group.Close(_group.FirstUpdateId, _group.LastUpdateId);
            completed = true;
        }

        if (!_group.IsOpen)
        {
            _group.Start(snapshot, exchange, exchange, first, last);
        }

        _group.Levels.Add(side, new PriceLevel(price, qty));
        return completed;
    }

    protected override bool TryEnd(out MarketEvent ev)
    {
        if (_group.IsOpen)
        {
            ev = _group.Close(_group.FirstUpdateId, _group.LastUpdateId);
            return true;
        }

        ev = default;
        return false;
    }

    private static bool IsSnapshot(ReadOnlySpan<byte> value) => value switch
    {
        _ when value.SequenceEqual("snap"u8) => true,
        _ when value.SequenceEqual("set"u8) => false,
        _ => throw new BadLineException($"update_type '{ImportValue.Text(value)}' is not snap or set"),
    };

    private static Side BookSide(ReadOnlySpan<byte> value) => value switch
    {
        _ when value.SequenceEqual("b"u8) || value.SequenceEqual("bid"u8) => Side.Buy,
        _ when value.SequenceEqual("a"u8) || value.SequenceEqual("ask"u8) => Side.Sell,
        _ => throw new BadLineException($"side '{ImportValue.Text(value)}' is not b or a"),
    };
}
