using FlashTrader.Core.Orders;

namespace FlashTrader.Mexc.Simulator.Rest;

/// <summary>A request the exchange refuses: answered with <see cref="HttpStatus"/> and the body {"code":..,"msg":..}.</summary>
public sealed class MexcApiException : Exception
{
    public MexcApiException(int httpStatus, MexcErrorCode code, string message)
        : base(message)
    {
        HttpStatus = httpStatus;
        Code = code;
    }

    public MexcApiException()
    {
    }

    public MexcApiException(string message)
        : base(message)
    {
    }

    public MexcApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public int HttpStatus { get; } = 400;

    public MexcErrorCode Code { get; }

    /// <summary>A missing or malformed parameter (MEXC answers such requests with 33333 "parameter error").</summary>
    public static MexcApiException BadParameter(string name, string problem) =>
        new(400, MexcErrorCode.ParameterError, $"Parameter '{name}' {problem}");
}
