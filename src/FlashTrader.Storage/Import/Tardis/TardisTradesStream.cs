using System.Buffers.Text;
using System.IO.Hashing;
using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Storage.Import.Tardis;

/// <summary>tardis trades CSV: exchange,symbol,timestamp,local_timestamp,id,side,price,amount.</summary>
internal sealed class TardisTradesStream : CsvImportStream
{
    public const string HashedIdNote = "tardis-trades: non-numeric trade ids are recorded as the XxHash64 of their UTF-8 text";

    private readonly int _timestamp;
    private readonly int _localTimestamp;
    private readonly int _id;
    private readonly int _side;
    private readonly int _price;
    private readonly int _amount;
    private bool _hashedIds;

    public TardisTradesStream(string path, IReadOnlyDictionary<string, string> symbolMap, ImportDiagnostics diagnostics)
        : base(path, symbolMap, diagnostics)
    {
        _timestamp = Column("timestamp");
        _localTimestamp = Column("local_timestamp");
        _id = Column("id");
        _side = Column("side");
        _price = Column("price");
        _amount = Column("amount");
    }

    protected override bool TryRow(ReadOnlySpan<byte> line, out MarketEvent ev)
    {
        long exchange = ImportValue.EpochNs(line[Fields[_timestamp]], "timestamp");
        long local = ImportValue.EpochNs(line[Fields[_localTimestamp]], "local_timestamp");
        Fixed8 price = ImportValue.Decimal(line[Fields[_price]], "price");
        Fixed8 amount = ImportValue.Decimal(line[Fields[_amount]], "amount");
        Side side = AggressorSide(line[Fields[_side]]);
        long id = TradeId(line[Fields[_id]]);
        ev = MarketEvent.Trade(0, exchange, local, price, amount, side, id);
        return true;
    }

    private static Side AggressorSide(ReadOnlySpan<byte> side) => side switch
    {
        _ when side.SequenceEqual("buy"u8) => Side.Buy,
        _ when side.SequenceEqual("sell"u8) => Side.Sell,
        _ when side.SequenceEqual("unknown"u8) || side.IsEmpty => Side.None,
        _ => throw new BadLineException($"side '{ImportValue.Text(side)}' is not buy, sell or unknown"),
    };

    /// <summary>Numeric ids as they are; others (some venues use UUIDs) as a stable 64-bit hash.</summary>
    private long TradeId(ReadOnlySpan<byte> id)
    {
        if (Utf8Parser.TryParse(id, out long numeric, out int used) && used == id.Length)
        {
            return numeric;
        }

        if (id.IsEmpty)
        {
            throw new BadLineException("trade has an empty 'id'");
        }

        if (!_hashedIds)
        {
            _hashedIds = true;
            Diagnostics.Note(HashedIdNote);
        }

        return (long)XxHash64.HashToUInt64(id);
    }
}
