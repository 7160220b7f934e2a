using FlashTrader.Storage.Import;

namespace FlashTrader.Storage.Tests.Import;

public sealed class ImportSymbolMapTests
{
    [Fact]
    public void Pairs_map_source_symbols_case_insensitively()
    {
        IReadOnlyDictionary<string, string> map = ImportSymbolMap.Parse("BTCUSDT=BTCUSDC, ethusdt=ETHUSDC");
        map.Should().HaveCount(2);
        map["btcusdt"].Should().Be("BTCUSDC");
        map["ETHUSDT"].Should().Be("ETHUSDC");
        ImportSymbolMap.Parse("").Should().BeEmpty();
    }

    [Theory]
    [InlineData("BTCUSDT", "symbol map entry 1 'BTCUSDT' is not SOURCE=TARGET (in 'BTCUSDT')")]
    [InlineData("BTCUSDT=BTCUSDC,=ETHUSDC", "symbol map entry 2 '=ETHUSDC' has an empty symbol (in 'BTCUSDT=BTCUSDC,=ETHUSDC')")]
    [InlineData("BTCUSDT=A,btcusdt=B", "symbol map entry 2 maps BTCUSDT a second time (in 'BTCUSDT=A,btcusdt=B')")]
    [InlineData("BTC USDT=X", "symbol map entry 1 'BTC USDT=X': symbols are letters, digits, '-' or '_' only (in 'BTC USDT=X')")]
    public void Bad_entries_are_errors_naming_the_entry(string text, string message)
    {
        Action parse = () => ImportSymbolMap.Parse(text);
        parse.Should().Throw<ImportException>().WithMessage(message);
    }
}
