using System.Globalization;
using FlashTrader.Core.Orders;

namespace FlashTrader.Mexc.Rest;

/// <summary>
/// A failed REST call: what kind of failure, the HTTP status (0 when there was no response), MEXC's code (0 when
/// MEXC sent none) and message, and the endpoint it concerns.
/// </summary>
public sealed record MexcError(MexcErrorKind Kind, int HttpStatus, int Code, string Message, string Endpoint)
{
    /// <summary>The code's name when it is one MEXC documents, else <see cref="MexcErrorCode.None"/>.</summary>
    public MexcErrorCode KnownCode => Enum.IsDefined((MexcErrorCode)Code) ? (MexcErrorCode)Code : MexcErrorCode.None;

    /// <summary>For <see cref="MexcErrorKind.RateLimited"/> and <see cref="MexcErrorKind.Banned"/>: when sending may resume.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>Failures with no answer from the exchange's matching logic: a request that hit one may have taken effect.</summary>
    public bool OutcomeUnknown => Kind is MexcErrorKind.Server or MexcErrorKind.Transport or MexcErrorKind.Timeout;

    public override string ToString()
    {
        string code = Code == 0 ? "" : KnownCode == MexcErrorCode.None
            ? $" code {Code.ToString(CultureInfo.InvariantCulture)}"
            : $" code {Code.ToString(CultureInfo.InvariantCulture)} ({KnownCode})";
        string status = HttpStatus == 0 ? "" : $" HTTP {HttpStatus.ToString(CultureInfo.InvariantCulture)}";
        return $"MEXC {Endpoint}: {Kind}{status}{code}: {Message}";
    }
}
