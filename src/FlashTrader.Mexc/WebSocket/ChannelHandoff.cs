using FlashTrader.Mexc.Frames;
using FlashTrader.Mexc.Protobuf;

namespace FlashTrader.Mexc.WebSocket;

/// <summary>
/// Decides which connection a channel's frames are taken from. Normally the only connection subscribed to it; while a
/// connection is being replaced (24 h rotation) both deliver the same pushes, and the newer one takes the channel over
/// with its first frame: from then on the older one's frames of that channel are dropped, and the newer one's frames not
/// later than the last one delivered (by sendTime, or createTime for klines) are dropped as duplicates of it. Depth diffs
/// are additionally protected by their versions in the order book. Single-threaded (the client serializes frames).
/// </summary>
internal sealed class ChannelHandoff
{
    private readonly SymbolTable _channels;
    private readonly long[] _owner;
    private readonly long[] _lastStampMs;
    private readonly long[] _handoffMarkMs;

    public ChannelHandoff(IReadOnlyList<string> channels)
    {
        _channels = new SymbolTable(channels);
        _owner = new long[channels.Count];
        _lastStampMs = new long[channels.Count];
        _handoffMarkMs = new long[channels.Count];
        Array.Fill(_handoffMarkMs, long.MinValue);
    }

    /// <summary>Frames dropped because another connection had already delivered them.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Whether <paramref name="connection"/> (ids grow with each new connection) has delivered a frame of every channel in <paramref name="channels"/>.</summary>
    public bool OwnsAll(long connection, IReadOnlyList<int> channels)
    {
        foreach (int c in channels)
        {
            if (_owner[c] != connection)
            {
                return false;
            }
        }

        return true;
    }

    public int IndexOf(string channel) => _channels.TryGetId(System.Text.Encoding.UTF8.GetBytes(channel), out int id) ? id : -1;

    /// <summary>True when the frame is to be delivered; a frame whose envelope does not parse, or of an unknown channel, is passed on (the decoder judges it).</summary>
    public bool Accept(long connection, ReadOnlySpan<byte> frame)
    {
        var reader = new ProtoReader(frame);
        if (!MexcPushWrapper.TryRead(ref reader, out MexcPushWrapper wrapper) || !_channels.TryGetId(wrapper.Channel, out int c))
        {
            return true;
        }

        long stamp = wrapper.SendTimeMs != 0 ? wrapper.SendTimeMs : wrapper.CreateTimeMs;
        long owner = _owner[c];
        if (owner != connection && owner != 0)
        {
            if (connection < owner)
            {
                // The replaced connection, still open during the overlap: the newer one already delivers this channel.
                Duplicates++;
                return false;
            }

            // Take over; what the old connection delivered up to now must not come again from the new one.
            _handoffMarkMs[c] = _lastStampMs[c];
        }

        _owner[c] = connection;
        if (stamp <= _handoffMarkMs[c])
        {
            Duplicates++;
            return false;
        }

        _handoffMarkMs[c] = long.MinValue;
        _lastStampMs[c] = Math.Max(_lastStampMs[c], stamp);
        return true;
    }
}
