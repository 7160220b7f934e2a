namespace FlashTrader.Mexc.Simulator.Rest;

/// <summary>The MEXC error codes the simulator answers with (see shared/docs/mexc-spot-v3.md).</summary>
public static class MexcErrorCodes
{
    public const int UnknownOrder = -2011;
    public const int InvalidSymbol = -1121;
    public const int ApiKeyFormat = 700001;
    public const int BadSignature = 700002;
    public const int OutsideRecvWindow = 700003;
    public const int RecvWindowTooLarge = 700005;
    public const int SymbolNotSupported = 10007;
    public const int InsufficientBalance = 10101;
    public const int BelowMinimum = 30002;
    public const int Oversold = 30005;

    /// <summary>"No valid trade price": a MARKET order against an empty side, or a LIMIT_MAKER that would take.</summary>
    public const int NoValidPrice = 30010;
    public const int ParameterError = 33333;
}
