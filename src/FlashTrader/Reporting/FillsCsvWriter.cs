using System.Globalization;
using FlashTrader.Core.Instruments;
using FlashTrader.Core.Market;
using FlashTrader.Core.Orders;
using FlashTrader.Core.Strategies;
using FlashTrader.Core.Time;

namespace FlashTrader.Reporting;

/// <summary>
/// fills.csv: <c>time,symbol,side,price,quantity,quoteQuantity,fee,feeAsset,orderId,fillId,liquidity,strategy,strategyVersion,strategyHash</c>,
/// exact decimals, invariant culture. Replaying it from the starting balances reproduces the final balances. The strategy
/// columns name the strategy whose signal led to the order (empty when none did).
/// </summary>
public sealed class FillsCsvWriter : IDisposable
{
    /// <summary>The journal export's fill columns, then the strategy attribution (which the journal keeps with the decisions).</summary>
    public const string Header = Storage.State.JournalCsv.FillsHeader + ",strategy,strategyVersion,strategyHash";

    private readonly StreamWriter _writer;
    private readonly InstrumentSet _instruments;
    private readonly StrategyCatalog _strategies;

    public FillsCsvWriter(string path, InstrumentSet instruments, StrategyCatalog strategies)
    {
        _strategies = strategies;
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
        _writer.Write(fill.Liquidity.ToWire());
        _writer.Write(',');
        if (fill.StrategyId != 0)
        {
            StrategyIdentity strategy = _strategies[fill.StrategyId];
            _writer.Write(strategy.Name);
            _writer.Write(',');
            _writer.Write(strategy.Version);
            _writer.Write(',');
            _writer.WriteLine(strategy.Hash);
        }
        else
        {
            _writer.WriteLine(",,");
        }

        Rows++;
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
