using FlashTrader.Core.Execution;

namespace FlashTrader.Core.Backtesting;

/// <summary>
/// The paper account's equity at the latest marks, computed the way <see cref="PaperExchange.Equity"/> does but without
/// allocating, so it can be sampled during a run: quote assets at face value, each base asset at its symbol's mid.
/// </summary>
public sealed class EquityValuation
{
    private readonly PaperExchange _exchange;
    private readonly int[] _symbolOfAsset;

    public EquityValuation(PaperExchange exchange)
    {
        _exchange = exchange;
        IReadOnlyList<string> assets = exchange.Wallet.Assets;
        _symbolOfAsset = new int[assets.Count];
        for (int a = 0; a < assets.Count; a++)
        {
            _symbolOfAsset[a] = -1;
            for (int s = 0; s < exchange.Instruments.Count; s++)
            {
                if (exchange.Instruments[s].BaseAsset == assets[a])
                {
                    _symbolOfAsset[a] = s;
                    break;
                }
            }
        }
    }

    public decimal Equity()
    {
        decimal equity = 0;
        for (int a = 0; a < _symbolOfAsset.Length; a++)
        {
            decimal balance = _exchange.Wallet.Total(a);
            int symbol = _symbolOfAsset[a];
            equity += symbol < 0 ? balance : balance * _exchange.Mark(symbol).ToDecimal();
        }

        return equity;
    }
}
