using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

/// <summary>The outcome of decoding one frame. A plain struct: building it allocates nothing.</summary>
/// <remarks>
/// The properties are declared with the three ints first and the two one-byte enums last, so the struct packs into
/// 16 bytes and comes back from the decoder in two registers; in parameter order (20 bytes) it went through memory
/// and the caller's 16-byte load of the bytes just stored one by one stalled (store forwarding).
/// </remarks>
public readonly record struct MexcDecodeResult(MexcDecodeStatus Status, MexcBody Body, int EventCount, ProtoError Error, int ErrorOffset)
{
    public MexcBody Body { get; init; } = Body;

    public int EventCount { get; init; } = EventCount;

    public int ErrorOffset { get; init; } = ErrorOffset;

    public MexcDecodeStatus Status { get; init; } = Status;

    public ProtoError Error { get; init; } = Error;

    public bool IsMalformed => Status == MexcDecodeStatus.Malformed;

    /// <summary>A readable reason naming the byte offset (allocates: for logs and tools, not the hot path).</summary>
    public string Describe() => Status switch
    {
        MexcDecodeStatus.Malformed => $"{Error.Describe()} at byte offset {ErrorOffset}" + (Body == MexcBody.None ? string.Empty : $" (body {(int)Body} {Body})"),
        _ => $"{Status} (body {(int)Body} {Body}, {EventCount} events)",
    };

    internal static MexcDecodeResult Malformed(MexcBody body, in ProtoReader reader) =>
        new(MexcDecodeStatus.Malformed, body, 0, reader.Error, reader.ErrorOffset);
}
