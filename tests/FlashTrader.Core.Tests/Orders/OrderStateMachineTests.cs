using FlashTrader.Core.Orders;

namespace FlashTrader.Core.Tests.Orders;

public sealed class OrderStateMachineTests
{
    private const OrderStatus P = OrderStatus.PendingNew;
    private const OrderStatus N = OrderStatus.New;
    private const OrderStatus PF = OrderStatus.PartiallyFilled;
    private const OrderStatus F = OrderStatus.Filled;
    private const OrderStatus C = OrderStatus.Canceled;
    private const OrderStatus PC = OrderStatus.PartiallyCanceled;
    private const OrderStatus R = OrderStatus.Rejected;

    /// <summary>Every allowed transition; every other pair of states is forbidden.</summary>
    private static readonly HashSet<(OrderStatus, OrderStatus)> Allowed =
    [
        (P, N), (P, PF), (P, F), (P, C), (P, R),
        (N, PF), (N, F), (N, C),
        (PF, PF), (PF, F), (PF, PC),
    ];

    public static TheoryData<OrderStatus, OrderStatus> AllPairs()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        foreach (OrderStatus from in Enum.GetValues<OrderStatus>())
        {
            foreach (OrderStatus to in Enum.GetValues<OrderStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void Only_the_listed_transitions_are_legal(OrderStatus from, OrderStatus to)
    {
        bool allowed = Allowed.Contains((from, to));

        OrderStateMachine.IsLegal(from, to).Should().Be(allowed, $"{from.ToWire()} -> {to.ToWire()}");
        OrderStatus state = from;
        Action advance = () => OrderStateMachine.Advance(ref state, to, 42);
        if (allowed)
        {
            advance.Should().NotThrow();
            state.Should().Be(to);
        }
        else
        {
            advance.Should().Throw<InvalidOperationException>().WithMessage($"order 42: {from.ToWire()} -> {to.ToWire()} is not a legal order transition");
            state.Should().Be(from);
        }
    }

    [Theory]
    [InlineData("NEW", 1, OrderStatus.New)]
    [InlineData("FILLED", 2, OrderStatus.Filled)]
    [InlineData("PARTIALLY_FILLED", 3, OrderStatus.PartiallyFilled)]
    [InlineData("CANCELED", 4, OrderStatus.Canceled)]
    [InlineData("PARTIALLY_CANCELED", 5, OrderStatus.PartiallyCanceled)]
    public void MEXC_statuses_map_onto_the_state_machine_by_name_and_by_stream_code(string name, int code, OrderStatus status)
    {
        MexcOrderStatus.TryParse(name, out OrderStatus byName).Should().BeTrue();
        MexcOrderStatus.TryFromStreamCode(code, out OrderStatus byCode).Should().BeTrue();

        byName.Should().Be(status);
        byCode.Should().Be(status);
        status.ToWire().Should().Be(name);
        MexcOrderStatus.TryParse("EXPIRED", out _).Should().BeFalse();
        MexcOrderStatus.TryFromStreamCode(6, out _).Should().BeFalse();
    }
}
