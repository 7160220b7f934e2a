namespace FlashTrader.Core.Strategies.Expressions;

/// <summary>
/// A compiled expression: a flat postfix program over a slot array (indicator outputs, market features, parameters),
/// evaluated with a small stack on the machine stack, so an evaluation allocates nothing. Booleans are 1 and 0; a
/// value is true when it is neither 0 nor NaN; every comparison with NaN (an indicator still warming up) is false.
/// Stateful functions (cross_above, cross_below) keep their previous inputs in a caller-owned state span, one per
/// series (symbol), made by <see cref="NewState"/>.
/// </summary>
public sealed class ExpressionProgram
{
    private readonly Instruction[] _code;

    internal ExpressionProgram(string text, Instruction[] code, int stackDepth, int stateSize)
    {
        Text = text;
        _code = code;
        StackDepth = stackDepth;
        StateSize = stateSize;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    public ReadOnlySpan<Instruction> Code => _code;

    public int StackDepth { get; }

    /// <summary>Doubles of state the program keeps between evaluations (2 per cross function).</summary>
    public int StateSize { get; }

    /// <summary>Fresh state: no previous values yet, so no cross can fire on the first evaluation.</summary>
    public double[] NewState()
    {
        var state = new double[StateSize];
        Array.Fill(state, double.NaN);
        return state;
    }

    public static bool IsTrue(double value) => value != 0 && !double.IsNaN(value);

    public bool IsTrueFor(ReadOnlySpan<double> slots, Span<double> state) => IsTrue(Evaluate(slots, state));

    public double Evaluate(ReadOnlySpan<double> slots, Span<double> state)
    {
        Span<double> stack = stackalloc double[StackDepth];
        int top = -1;
        Instruction[] code = _code;
        for (int pc = 0; pc < code.Length; pc++)
        {
            Instruction ins = code[pc];
            switch (ins.Op)
            {
                case OpCode.Constant:
                    stack[++top] = ins.Value;
                    break;
                case OpCode.Load:
                    stack[++top] = slots[ins.Index];
                    break;
                case OpCode.Negate:
                    stack[top] = -stack[top];
                    break;
                case OpCode.Not:
                    stack[top] = IsTrue(stack[top]) ? 0 : 1;
                    break;
                case OpCode.Abs:
                    stack[top] = Math.Abs(stack[top]);
                    break;
                case OpCode.Sign:
                    stack[top] = double.IsNaN(stack[top]) ? double.NaN : Math.Sign(stack[top]);
                    break;
                case OpCode.Sqrt:
                    stack[top] = Math.Sqrt(stack[top]);
                    break;
                case OpCode.Log:
                    stack[top] = Math.Log(stack[top]);
                    break;
                case OpCode.Clamp:
                    top -= 2;
                    stack[top] = Clamp(stack[top], stack[top + 1], stack[top + 2]);
                    break;
                case OpCode.CrossAbove:
                case OpCode.CrossBelow:
                    top--;
                    stack[top] = Cross(ins.Op, stack[top], stack[top + 1], state.Slice(ins.Index, 2));
                    break;
                default:
                    top--;
                    stack[top] = Binary(ins.Op, stack[top], stack[top + 1]);
                    break;
            }
        }

        return stack[0];
    }

    private static double Binary(OpCode op, double a, double b) => op switch
    {
        OpCode.Add => a + b,
        OpCode.Subtract => a - b,
        OpCode.Multiply => a * b,
        OpCode.Divide => a / b,
        OpCode.Less => a < b ? 1 : 0,
        OpCode.LessOrEqual => a <= b ? 1 : 0,
        OpCode.Greater => a > b ? 1 : 0,
        OpCode.GreaterOrEqual => a >= b ? 1 : 0,
        OpCode.Equal => a == b ? 1 : 0,
        OpCode.NotEqual => !double.IsNaN(a) && !double.IsNaN(b) && a != b ? 1 : 0,
        OpCode.And => IsTrue(a) && IsTrue(b) ? 1 : 0,
        OpCode.Or => IsTrue(a) || IsTrue(b) ? 1 : 0,
        OpCode.Min => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Min(a, b),
        OpCode.Max => double.IsNaN(a) || double.IsNaN(b) ? double.NaN : Math.Max(a, b),
        _ => throw new InvalidOperationException($"{op} is not a binary operation"),
    };

    /// <summary>As Math.Clamp (same rounding, so JSON strategies reproduce the built-ins bit for bit), NaN-propagating.</summary>
    private static double Clamp(double value, double min, double max) =>
        double.IsNaN(value) || double.IsNaN(min) || double.IsNaN(max) || min > max ? double.NaN : Math.Clamp(value, min, max);

    /// <summary>True on the evaluation where a goes from at-or-below b to above it (or the mirror for CrossBelow).</summary>
    private static double Cross(OpCode op, double a, double b, Span<double> previous)
    {
        double prevA = previous[0];
        double prevB = previous[1];
        previous[0] = a;
        previous[1] = b;
        bool crossed = op == OpCode.CrossAbove ? prevA <= prevB && a > b : prevA >= prevB && a < b;
        return crossed ? 1 : 0;
    }
}
