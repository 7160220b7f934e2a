using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

/// <summary>The outcome of decoding one frame. A plain struct: building it allocates nothing.</summary>
public readonly record struct MexcDecodeResult(MexcDecodeStatus Status, MexcBody Body, int EventCount, ProtoError Error, int ErrorOffset)
{
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
