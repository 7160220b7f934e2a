using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Storage.Import.Tardis;

/// <summary>
/// tardis incremental_book_L2 CSV: exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount.
/// Consecutive is_snapshot=true rows form a snapshot; other rows sharing (timestamp, local_timestamp) form a diff.
/// The source has no update ids, so consecutive versions are synthesised (snapshot 1, then 2, 3, ...; a later
/// snapshot continues the count) to let the book's update-id checks still see a gap-free sequence.
/// </summary>
internal sealed class TardisBookStream : CsvImportStream
{
    public const string VersionNote =
        "tardis-book: the source has no update ids; consecutive versions are synthesised (first snapshot = 1, each later snapshot or diff = previous + 1)";

    private readonly DepthGroup _group = new();
    private readonly int _timestamp;
    private readonly int _localTimestamp;
    private readonly int _isSnapshot;
    private readonly int _side;
    private readonly int _price;
    private readonly int _amount;
    private long _version;

    public TardisBookStream(string path, IReadOnlyDictionary<string, string> symbolMap, ImportDiagnostics diagnostics)
        : base(path, symbolMap, diagnostics)
    {
        _timestamp = Column("timestamp");
        _localTimestamp = Column("local_timestamp");
        _isSnapshot = Column("is_snapshot");
        _side = Column("side");
        _price = Column("price");
        _amount = Column("amount");
        diagnostics.Note(VersionNote);
    }

    protected override bool TryRow(ReadOnlySpan<byte> line, out MarketEvent ev)
    {
        long exchange = ImportValue.EpochNs(line[Fields[_timestamp]], "timestamp");
        long local = ImportValue.EpochNs(line[Fields[_localTimestamp]], "local_timestamp");
        bool snapshot = IsSnapshot(line[Fields[_isSnapshot]]);
        Side side = BookSide(line[Fields[_side]]);
        Fixed8 price = ImportValue.Decimal(line[Fields[_price]], "price");
        Fixed8 amount = ImportValue.Decimal(line[Fields[_amount]], "amount");

        // Consecutive snapshot rows belong together whatever their timestamps; diffs group by both timestamps.
        bool sameGroup = _group.IsOpen && snapshot == _group.IsSnapshot
            && (snapshot || (exchange == _group.ExchangeNs && local == _group.LocalNs));
        ev = default;
        bool completed = false;
        if (_group.IsOpen && !sameGroup)
        {
            ev = CloseGroup();
            completed = true;
        }

        if (!_group.IsOpen)
        {
            _group.Start(snapshot, exchange, local, 0, 0);
        }

        _group.Levels.Add(side, new PriceLevel(price, amount));
        return completed;
    }

    protected override bool TryEnd(out MarketEvent ev)
    {
        if (_group.IsOpen)
        {
            ev = CloseGroup();
            return true;
        }

        ev = default;
        return false;
    }

    private MarketEvent CloseGroup()
    {
        _version++;
        return _group.Close(_version, _version);
    }

    private static bool IsSnapshot(ReadOnlySpan<byte> value) => value switch
    {
        _ when value.SequenceEqual("true"u8) => true,
        _ when value.SequenceEqual("false"u8) => false,
        _ => throw new BadLineException($"is_snapshot '{ImportValue.Text(value)}' is not true or false"),
    };

    private static Side BookSide(ReadOnlySpan<byte> value) => value switch
    {
        _ when value.SequenceEqual("bid"u8) => Side.Buy,
        _ when value.SequenceEqual("ask"u8) => Side.Sell,
        _ => throw new BadLineException($"side '{ImportValue.Text(value)}' is not bid or ask"),
    };
}
