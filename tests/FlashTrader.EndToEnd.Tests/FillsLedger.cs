using System.Globalization;

namespace FlashTrader.EndToEnd.Tests;

/// <summary>Replays fills.csv from starting balances: the run's balances must come out exactly.</summary>
public static class FillsLedger
{
    public static Dictionary<string, decimal> Replay(string fillsCsv, IReadOnlyDictionary<string, decimal> start, IReadOnlyDictionary<string, string> baseAssetBySymbol)
    {
        var balances = new Dictionary<string, decimal>(start);
        string[] lines = File.ReadAllLines(fillsCsv);
        lines[0].Should().Be("time,symbol,side,price,quantity,quoteQuantity,fee,feeAsset,orderId,fillId,liquidity,strategy,strategyVersion,strategyHash");
        foreach (string line in lines.Skip(1))
        {
            string[] f = line.Split(',');
            string baseAsset = baseAssetBySymbol[f[1]];
            decimal qty = D(f[4]);
            decimal quote = D(f[5]);
            decimal fee = D(f[6]);
            (D(f[3]) * qty).Should().Be(quote);
            string feeAsset = f[7];
            if (f[2] == "BUY")
            {
                balances[feeAsset] -= quote + fee;
                balances[baseAsset] = balances.GetValueOrDefault(baseAsset) + qty;
            }
            else
            {
                balances[feeAsset] += quote - fee;
                balances[baseAsset] = balances.GetValueOrDefault(baseAsset) - qty;
            }
        }

        return balances;
    }

    private static decimal D(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);
}
