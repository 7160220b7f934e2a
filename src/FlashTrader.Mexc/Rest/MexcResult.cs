namespace FlashTrader.Mexc.Rest;

/// <summary>The outcome of a REST call: the parsed value, or the <see cref="MexcError"/> saying why there is none.</summary>
public readonly struct MexcResult<T>
{
    private readonly T? _value;

    private MexcResult(T? value, MexcError? error)
    {
        _value = value;
        Error = error;
    }

    public bool IsSuccess => Error is null;

    /// <summary>The error, or null on success.</summary>
    public MexcError? Error { get; }

    public T Value => Error is null ? _value! : throw new MexcRequestException(Error);

    public static MexcResult<T> Success(T value) => new(value, null);

    public static MexcResult<T> Failure(MexcError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator MexcResult<T>(MexcError error) => Failure(error);

    public override string ToString() => Error is null ? $"ok: {_value}" : Error.ToString();
}
