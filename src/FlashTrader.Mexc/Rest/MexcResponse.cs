using System.Buffers;

namespace FlashTrader.Mexc.Rest;

/// <summary>
/// What one attempt produced: the body (in a pooled buffer, returned on dispose) or the classified error, plus the
/// time spent building the request and waiting for the network.
/// </summary>
internal sealed class MexcResponse : IDisposable
{
    private byte[]? _buffer;
    private readonly int _length;

    private MexcResponse(MexcError? error, int status, byte[]? buffer, int length)
    {
        Error = error;
        HttpStatus = status;
        _buffer = buffer;
        _length = length;
    }

    public MexcError? Error { get; }

    public int HttpStatus { get; }

    public ReadOnlySpan<byte> Body => _buffer is null ? default : _buffer.AsSpan(0, _length);

    /// <summary>When the request was handed to the network (on the client's TimeProvider).</summary>
    public DateTimeOffset SentAt { get; init; }

    /// <summary>When the last byte arrived.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Stopwatch ticks spent building and signing the request.</summary>
    public long BuildTicks { get; init; }

    /// <summary>Stopwatch ticks from sending to the last byte received (0 when nothing was sent).</summary>
    public long RoundTripTicks { get; init; }

    public static MexcResponse Ok(int status, byte[] buffer, int length, DateTimeOffset sentAt, DateTimeOffset receivedAt, long buildTicks, long roundTripTicks) =>
        new(null, status, buffer, length) { SentAt = sentAt, ReceivedAt = receivedAt, BuildTicks = buildTicks, RoundTripTicks = roundTripTicks };

    public static MexcResponse Failed(MexcError error) => new(error, error.HttpStatus, null, 0);

    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
