using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.Frames;

/// <summary>
/// <see cref="MexcDecodeResult"/> packed into one 64-bit word inside the decoder: status, error, body and either the
/// event count or the error offset (a malformed frame has no events; any other has no error offset). A struct of one
/// ulong stays in a register through the decoder's many return paths, where the five-field result was assembled in
/// memory field by field and read back with a wide load that could not be forwarded from those stores (a stall on
/// every frame).
/// </summary>
internal readonly struct FrameOutcome
{
    private readonly ulong _bits;

    private FrameOutcome(MexcDecodeStatus status, ProtoError error, MexcBody body, int value) =>
        _bits = (byte)status | ((ulong)(byte)error << 8) | ((ulong)(ushort)body << 16) | ((ulong)(uint)value << 32);

    public MexcDecodeStatus Status => (MexcDecodeStatus)(byte)_bits;

    public static FrameOutcome Decoded(MexcBody body, int events) => new(MexcDecodeStatus.Decoded, ProtoError.None, body, events);

    /// <summary>A frame decoded as far as a status other than Decoded or Malformed (no events, no error).</summary>
    public static FrameOutcome Skipped(MexcDecodeStatus status, MexcBody body) => new(status, ProtoError.None, body, 0);

    public static FrameOutcome Malformed(MexcBody body, in ProtoReader reader) =>
        new(MexcDecodeStatus.Malformed, reader.Error, body, reader.ErrorOffset);

    public MexcDecodeResult ToResult()
    {
        var status = (MexcDecodeStatus)(byte)_bits;
        var body = (MexcBody)(ushort)(_bits >> 16);
        int value = (int)(_bits >> 32);
        return status == MexcDecodeStatus.Malformed
            ? new MexcDecodeResult(status, body, 0, (ProtoError)(byte)(_bits >> 8), value)
            : new MexcDecodeResult(status, body, value, ProtoError.None, -1);
    }
}
