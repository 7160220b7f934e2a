using FlashTrader.Core.Backtesting;
using static FlashTrader.Core.Tests.Backtesting.BacktestFixture;

namespace FlashTrader.Core.Tests.Backtesting;

public sealed class PerformanceBreakdownTests
{
    private static IReadOnlyList<RoundTrip> Trips()
    {
        var ledger = new RoundTripLedger(2);
        foreach ((var fill, int source) in Fills)
        {
            ledger.OnFill(fill, source);
        }

        return ledger.Closed;
    }

    [Fact]
    public void Per_symbol_rows_hold_each_symbols_trades()
    {
        string[] symbols = ["BTCUSDC", "ETHUSDC"];
        IReadOnlyList<BreakdownRow> rows = PerformanceBreakdown.By(Trips(), symbols, t => symbols[t.SymbolId]);

        rows.Should().Equal(
            new BreakdownRow("BTCUSDC", 1, 1, 0, 100, 3.794m, 0.206m, null, 3.794m, 206m),
            new BreakdownRow("ETHUSDC", 1, 0, 1, 0, -2m, 0m, 0, -2m, 198m));
    }

    [Fact]
    public void Per_source_rows_credit_the_entry_signal_and_list_empty_sources()
    {
        string[] sources = ["imbalance", "momentum", "volatility"];
        IReadOnlyList<BreakdownRow> rows = PerformanceBreakdown.By(Trips(), sources, t => sources[t.SignalSource]);

        rows.Select(r => (r.Key, r.Trades, r.NetPnl)).Should().Equal(("imbalance", 1, 3.794m), ("momentum", 0, 0m), ("volatility", 1, -2m));
    }

    [Fact]
    public void Per_session_rows_cover_every_session()
    {
        IReadOnlyList<BreakdownRow> rows = PerformanceBreakdown.BySession(Trips());

        rows.Select(r => (r.Key, r.Trades)).Should().Equal(("Asia", 2), ("Europe", 0), ("US", 0));
    }

    [Fact]
    public void A_key_outside_the_list_is_an_error_naming_it()
    {
        Action act = () => PerformanceBreakdown.By(Trips(), ["BTCUSDC"], t => t.SymbolId == 0 ? "BTCUSDC" : "XRPUSDC");

        act.Should().Throw<ArgumentException>().WithMessage("*'XRPUSDC'*");
    }
}
