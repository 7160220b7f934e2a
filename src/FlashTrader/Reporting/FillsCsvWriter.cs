using System.Globalization;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Time;

namespace FlashTrader.Reporting;

/// <summary>
/// fills.csv: <c>time,symbol,side,price,quantity,quoteQuantity,fee,feeAsset,orderId,fillId,liquidity</c>, exact decimals,
/// invariant culture. Replaying it from the starting balances reproduces the final balances.
/// </summary>
public sealed class FillsCsvWriter : IDisposable
{
    public const string Header = Storage.State.JournalCsv.FillsHeader;

    private readonly StreamWriter _writer;
    private readonly InstrumentSet _instruments;

    public FillsCsvWriter(string path, InstrumentSet instruments)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _writer = new StreamWriter(Path, append: false) { NewLine = "\n" };
        _instruments = instruments;
        _writer.WriteLine(Header);
    }

    public string Path { get; }

    public long Rows { get; private set; }

    public void Write(in ExecutionReport fill)
    {
        Instrument i = _instruments[fill.SymbolId];
        _writer.Write(EpochTimestamp.ToIso8601(fill.TimeNs));
        _writer.Write(',');
        _writer.Write(i.Symbol);
        _writer.Write(',');
        _writer.Write(fill.Side.ToWire());
        _writer.Write(',');
        _writer.Write(fill.LastPrice.ToString());
        _writer.Write(',');
        _writer.Write(fill.LastQuantity.ToString());
        _writer.Write(',');
        _writer.Write(fill.QuoteQuantity.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.Write(fill.Fee.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.Write(i.QuoteAsset);
        _writer.Write(',');
        _writer.Write(fill.OrderId.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.Write(fill.FillId.ToString(CultureInfo.InvariantCulture));
        _writer.Write(',');
        _writer.WriteLine(fill.Liquidity.ToWire());
        Rows++;
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
