using FlashTrader.Core.Orders;
using FlashTrader.Mexc.Rest;

namespace FlashTrader.Mexc.Tests.Rest;

public class MexcErrorCodeTests
{
    public static TheoryData<int, MexcErrorCode> DocumentedCodes() => new()
    {
        { -2011, MexcErrorCode.UnknownOrder },
        { 400, MexcErrorCode.ApiKeyRequired },
        { 401, MexcErrorCode.NoPermission },
        { 602, MexcErrorCode.SignatureVerificationFailed },
        { 700001, MexcErrorCode.ApiKeyFormatInvalid },
        { 700002, MexcErrorCode.InvalidSignature },
        { 700003, MexcErrorCode.TimestampOutsideRecvWindow },
        { 700005, MexcErrorCode.RecvWindowTooLarge },
        { 700006, MexcErrorCode.IpNotWhitelisted },
        { 10007, MexcErrorCode.BadSymbol },
        { 30014, MexcErrorCode.InvalidSymbol },
        { 10101, MexcErrorCode.InsufficientBalance },
        { 30002, MexcErrorCode.BelowMinimum },
        { 30005, MexcErrorCode.Oversold },
        { 30016, MexcErrorCode.TradingDisabled },
        { 30019, MexcErrorCode.MarketOrdersDisabled },
        { 30051, MexcErrorCode.ApiMarketOrdersDisabled },
        { 30029, MexcErrorCode.TooManyOrders },
        { 33333, MexcErrorCode.ParameterError },
        { 44444, MexcErrorCode.InvalidParameter },
    };

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public void Every_documented_code_has_its_name(int code, MexcErrorCode name)
    {
        new MexcError(MexcErrorKind.Exchange, 400, code, "", "GET /x").KnownCode.Should().Be(name);
    }

    [Fact]
    public void An_undocumented_code_keeps_its_number_and_has_no_name()
    {
        var error = new MexcError(MexcErrorKind.Exchange, 400, 12345, "something new", "POST /api/v3/order");

        error.KnownCode.Should().Be(MexcErrorCode.None);
        error.ToString().Should().Be("MEXC POST /api/v3/order: Exchange HTTP 400 code 12345: something new");
    }

    [Theory]
    [InlineData(MexcErrorKind.Server, true)]
    [InlineData(MexcErrorKind.Transport, true)]
    [InlineData(MexcErrorKind.Timeout, true)]
    [InlineData(MexcErrorKind.Exchange, false)]
    [InlineData(MexcErrorKind.Http, false)]
    [InlineData(MexcErrorKind.RateLimited, false)]
    [InlineData(MexcErrorKind.Banned, false)]
    [InlineData(MexcErrorKind.CircuitOpen, false)]
    [InlineData(MexcErrorKind.MalformedResponse, false)]
    [InlineData(MexcErrorKind.InvalidRequest, false)]
    public void Only_failures_without_an_answer_leave_the_outcome_unknown(MexcErrorKind kind, bool unknown)
    {
        new MexcError(kind, 0, 0, "", "POST /api/v3/order").OutcomeUnknown.Should().Be(unknown);
    }
}
