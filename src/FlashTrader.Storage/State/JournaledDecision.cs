using FlashTrader.Core.Orders;

namespace FlashTrader.Storage.State;

/// <summary>
/// A decision as it reached the exchange stage: the order the decision engine made (with its purpose, strategy and
/// strength: the reasons) and the risk gate's verdict (None when approved and sent).
/// </summary>
public readonly record struct JournaledDecision(OrderRequest Order, RejectReason Verdict);
