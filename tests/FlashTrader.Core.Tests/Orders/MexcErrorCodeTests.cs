using System.Globalization;
using System.Text.RegularExpressions;
using FlashTrader.Core.Orders;
using FlashTrader.Tests.Shared;

namespace FlashTrader.Core.Tests.Orders;

/// <summary><see cref="MexcErrorCode"/> is the one table of MEXC's codes: it must say what the API reference says.</summary>
public sealed class MexcErrorCodeTests
{
    /// <summary>The codes listed under "Errors and limits" in shared/docs/mexc-spot-v3.md, read from the document itself.</summary>
    private static IReadOnlySet<int> DocumentedCodes()
    {
        string[] lines = File.ReadAllLines(SharedFolder.File("docs", "mexc-spot-v3.md"));
        int start = Array.FindIndex(lines, l => l.Contains("Codes worth mapping:", StringComparison.Ordinal));
        start.Should().BeGreaterThanOrEqualTo(0, "the API reference lists the codes worth mapping");
        var paragraph = new List<string> { lines[start] };
        for (int i = start + 1; i < lines.Length && lines[i].StartsWith("  ", StringComparison.Ordinal); i++)
        {
            paragraph.Add(lines[i]);
        }

        return Regex.Matches(string.Join(' ', paragraph), "`(-?[0-9]+)`")
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToHashSet();
    }

    [Fact]
    public void The_table_holds_exactly_the_documented_codes_and_the_one_it_explains()
    {
        IReadOnlySet<int> documented = DocumentedCodes();
        documented.Should().HaveCount(20).And.Contain([-2011, 10007, 30014, 700003]);

        int[] named = [.. Enum.GetValues<MexcErrorCode>().Where(c => c != MexcErrorCode.None).Select(c => (int)c)];

        named.Should().OnlyHaveUniqueItems();
        named.Except(documented).Should().Equal([(int)MexcErrorCode.NoValidTradePrice], "the only code outside the doc's list, explained on the member");
        documented.Except(named).Should().BeEmpty("every documented code has its name");
    }

    [Theory]
    [InlineData(MexcErrorCode.BadSymbol, 10007)]
    [InlineData(MexcErrorCode.InvalidSymbol, 30014)]
    [InlineData(MexcErrorCode.InvalidSignature, 700002)]
    [InlineData(MexcErrorCode.SignatureVerificationFailed, 602)]
    [InlineData(MexcErrorCode.Oversold, 30005)]
    public void Symbol_signature_and_balance_refusals_keep_the_numbers_the_doc_gives_them(MexcErrorCode name, int code) =>
        ((int)name).Should().Be(code);

    [Theory]
    [InlineData(RejectReason.WouldTakeLiquidity, 30010)]
    [InlineData(RejectReason.InvalidPrecision, 33333)]
    [InlineData(RejectReason.BookNotSynced, 0)]
    public void Paper_refusals_answer_what_the_simulator_answers_for_the_same_order(RejectReason reason, int code) =>
        reason.ToMexcCode().Should().Be(code);
}
