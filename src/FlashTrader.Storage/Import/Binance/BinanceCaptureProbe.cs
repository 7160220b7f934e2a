using System.Text;

namespace FlashTrader.Storage.Import.Binance;

/// <summary>
/// What a capture file is, read from its first lines: whose symbol it holds, when it starts (to order a symbol's
/// files by time, not by name) and the first observed exchange-minus-local clock offset.
/// </summary>
internal sealed record BinanceCaptureProbe(string Path, string FileName, string SourceSymbol, long FirstLocalNs, long? FirstOffsetNs)
{
    public static BinanceCaptureProbe Read(string path)
    {
        using ImportLineReader reader = ImportLineReader.Open(path);
        var message = new BinanceMessage(new Core.Market.DepthLevels());
        string? symbol = null;
        long? firstLocal = null;
        long? offset = null;
        while ((symbol is null || offset is null) && reader.TryReadLine(out ReadOnlySpan<byte> line))
        {
            if (!BinanceCaptureLine.TrySplit(line, out ReadOnlySpan<byte> stamp, out ReadOnlySpan<byte> json, out int jsonColumn))
            {
                continue; // malformed lines are reported with their line number by the import pass
            }

            try
            {
                long local = ImportValue.EpochNs(stamp, "local timestamp");
                firstLocal ??= local;
                message.Parse(json, jsonColumn);
                if (symbol is null)
                {
                    if (message.Has(BinanceFields.Symbol))
                    {
                        symbol = Encoding.UTF8.GetString(message.Symbol);
                    }
                    else if (message.Has(BinanceFields.Stream))
                    {
                        symbol = Encoding.UTF8.GetString(message.StreamSymbol);
                    }
                }

                if (offset is null && message.Has(BinanceFields.EventTime) && message.Type != BinanceMessageType.Unknown)
                {
                    offset = ImportValue.EpochNs(message.EventTime, "E") - local;
                }
            }
            catch (BadLineException)
            {
                // reported by the import pass
            }
        }

        if (firstLocal is null)
        {
            throw new ImportException($"{reader.FileName}: no capture line '<local timestamp> <json>' in the file");
        }

        if (symbol is null)
        {
            throw new ImportException($"{reader.FileName}: cannot tell the symbol: no message has an 's' field or a stream name");
        }

        return new BinanceCaptureProbe(path, reader.FileName, symbol, firstLocal.Value, offset);
    }
}
