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

    /// <summary>As <see cref="EpochTimestamp.ToIso8601"/> writes it.</summary>
    private const string Iso8601 = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

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
        // Each field is formatted into a stack buffer and written from there: the row's text is what ToString of each
        // value gives, without a string per value (a fill used to make nine).
        Span<char> text = stackalloc char[64];
        Instrument i = _instruments[fill.SymbolId];
        Write(text, EpochTimestamp.ToDateTimeOffset(fill.TimeNs).UtcDateTime.TryFormat(text, out int n, Iso8601, CultureInfo.InvariantCulture), n);
        _writer.Write(',');
        _writer.Write(i.Symbol);
        _writer.Write(',');
        _writer.Write(fill.Side.ToWire());
        _writer.Write(',');
        Write(text, fill.LastPrice.TryFormat(text, out n), n);
        _writer.Write(',');
        Write(text, fill.LastQuantity.TryFormat(text, out n), n);
        _writer.Write(',');
        Write(text, fill.QuoteQuantity.TryFormat(text, out n, default, CultureInfo.InvariantCulture), n);
        _writer.Write(',');
        Write(text, fill.Fee.TryFormat(text, out n, default, CultureInfo.InvariantCulture), n);
        _writer.Write(',');
        _writer.Write(i.QuoteAsset);
        _writer.Write(',');
        Write(text, fill.OrderId.TryFormat(text, out n, default, CultureInfo.InvariantCulture), n);
        _writer.Write(',');
        Write(text, fill.FillId.TryFormat(text, out n, default, CultureInfo.InvariantCulture), n);
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

    private void Write(Span<char> text, bool formatted, int length)
    {
        if (!formatted)
        {
            throw new InvalidOperationException($"{Path}: a fill's value does not fit the {text.Length}-character field buffer");
        }

        _writer.Write(text[..length]);
    }

    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
