using FlashTrader.Core.Market;
using FlashTrader.Core.Numerics;

namespace FlashTrader.Storage.Import.Tardis;

/// <summary>tardis quotes CSV: exchange,symbol,timestamp,local_timestamp,ask_amount,ask_price,bid_price,bid_amount.</summary>
internal sealed class TardisQuotesStream : CsvImportStream
{
    private readonly int _timestamp;
    private readonly int _localTimestamp;
    private readonly int _askAmount;
    private readonly int _askPrice;
    private readonly int _bidPrice;
    private readonly int _bidAmount;

    public TardisQuotesStream(string path, IReadOnlyDictionary<string, string> symbolMap, ImportDiagnostics diagnostics)
        : base(path, symbolMap, diagnostics)
    {
        _timestamp = Column("timestamp");
        _localTimestamp = Column("local_timestamp");
        _askAmount = Column("ask_amount");
        _askPrice = Column("ask_price");
        _bidPrice = Column("bid_price");
        _bidAmount = Column("bid_amount");
        diagnostics.Note("tardis-quotes: the source has no book update ids; bookTicker updateId is 0");
    }

    protected override bool TryRow(ReadOnlySpan<byte> line, out MarketEvent ev)
    {
        long exchange = ImportValue.EpochNs(line[Fields[_timestamp]], "timestamp");
        long local = ImportValue.EpochNs(line[Fields[_localTimestamp]], "local_timestamp");
        Fixed8 bidPrice = ImportValue.Decimal(line[Fields[_bidPrice]], "bid_price");
        Fixed8 bidAmount = ImportValue.Decimal(line[Fields[_bidAmount]], "bid_amount");
        Fixed8 askPrice = ImportValue.Decimal(line[Fields[_askPrice]], "ask_price");
        Fixed8 askAmount = ImportValue.Decimal(line[Fields[_askAmount]], "ask_amount");
        ev = MarketEvent.BookTicker(0, exchange, local, bidPrice, bidAmount, askPrice, askAmount, 0);
        return true;
    }
}
