namespace FlashTrader.Mexc.WebSocket;

/// <summary>
/// Receives what a <see cref="MexcWebSocketClient"/> reads. Calls never overlap, across all of the client's connections,
/// so an implementation needs no locking of its own against the client.
/// </summary>
public interface IMexcFrameHandler
{
    /// <summary>
    /// One binary push frame (a PushDataV3ApiWrapper). The memory is the client's pooled receive buffer: valid only until
    /// the returned task completes. <paramref name="receivedUnixNs"/> is when its last byte arrived.
    /// </summary>
    ValueTask OnFrameAsync(ReadOnlyMemory<byte> frame, long receivedUnixNs, CancellationToken cancellationToken);

    /// <summary>MEXC refused a subscription ("Blocked"): that channel will deliver nothing.</summary>
    void OnSubscriptionRefused(MexcSubscriptionRefusedException refusal);
}
