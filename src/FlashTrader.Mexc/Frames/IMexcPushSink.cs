namespace FlashTrader.Mexc.Frames;

/// <summary>A <see cref="IMarketEventSink"/> that also takes the private (user data) stream updates.</summary>
public interface IMexcPushSink : IMarketEventSink
{
    void OnOrder(in PrivateOrderUpdate order);

    void OnDeal(in PrivateDeal deal);

    void OnAccount(in PrivateAccountUpdate account);
}
