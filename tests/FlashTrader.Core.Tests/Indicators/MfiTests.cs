using FlashTrader.Core.Indicators;
using FlashTrader.Core.Tests.TestData;

namespace FlashTrader.Core.Tests.Indicators;

public class MfiTests
{
    [Fact]
    public void Streaming_and_batch_match_TaLib_mfi_14_at_every_index()
    {
        var bars = Golden.Bars;
        double[] expected = Golden.Load("mfi_14")["mfi"];
        var mfi = new Mfi(14);
        Golden.AssertMatches(Golden.Streamed(bars.Length, i => mfi.Update(bars[i].High, bars[i].Low, bars[i].Close, bars[i].Volume)), expected, "streaming mfi(14)");
        var batch = new double[bars.Length];
        Mfi.Compute(bars.Column(b => b.High), bars.Column(b => b.Low), bars.Column(b => b.Close), bars.Column(b => b.Volume), batch, 14);
        Golden.AssertMatches(batch, expected, "batch mfi(14)");
    }

    [Fact]
    public void Is_zero_when_the_window_money_flow_is_below_one_as_in_TaLib()
    {
        // TA_MFI(2) of talib-web on these inputs gives 0, 0, 0, 0.21770682148040638 from index 2: the first three
        // windows carry under 1 unit of money flow (e.g. 0.11 up + 0.105 down), which TA-Lib reports as 0.
        double[] price = [10, 11, 10.5, 11.5, 12, 11];
        double[] volume = [0.01, 0.01, 0.01, 0.01, 0.01, 5];
        var output = new double[price.Length];
        Mfi.Compute(price, price, price, volume, output, 2);
        output[2..].Should().Equal(0, 0, 0, 0.21770682148040638);
    }
}
