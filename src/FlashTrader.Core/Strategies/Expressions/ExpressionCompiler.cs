namespace FlashTrader.Core.Strategies.Expressions;

/// <summary>
/// Compiles an expression once, at load, into an <see cref="ExpressionProgram"/>. Names resolve against the slot
/// table the caller provides (a strategy's indicator outputs, market features and parameters); an unknown name or
/// function, or a wrong argument count, is an error at the offending token's position.
/// Functions: abs(x), sign(x), sqrt(x), log(x), min(a, b), max(a, b), clamp(x, lo, hi), cross_above(a, b),
/// cross_below(a, b).
/// </summary>
public static class ExpressionCompiler
{
    public const int MaxStackDepth = 64;

    private static readonly Dictionary<string, (OpCode Op, int Arity)> Functions = new(StringComparer.Ordinal)
    {
        ["abs"] = (OpCode.Abs, 1),
        ["sign"] = (OpCode.Sign, 1),
        ["sqrt"] = (OpCode.Sqrt, 1),
        ["log"] = (OpCode.Log, 1),
        ["min"] = (OpCode.Min, 2),
        ["max"] = (OpCode.Max, 2),
        ["clamp"] = (OpCode.Clamp, 3),
        ["cross_above"] = (OpCode.CrossAbove, 2),
        ["cross_below"] = (OpCode.CrossBelow, 2),
    };

    public static IReadOnlyCollection<string> FunctionNames => Functions.Keys;

    public static ExpressionProgram Compile(string text, IReadOnlyDictionary<string, int> slots)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ExpressionNode root = ExpressionParser.Parse(text);
        var emitter = new Emitter(slots);
        emitter.Emit(root);
        return new ExpressionProgram(text, [.. emitter.Code], emitter.MaxDepth, emitter.StateSize);
    }

    private sealed class Emitter(IReadOnlyDictionary<string, int> slots)
    {
        private int _depth;

        public List<Instruction> Code { get; } = [];

        public int MaxDepth { get; private set; }

        public int StateSize { get; private set; }

        public void Emit(ExpressionNode node)
        {
            switch (node)
            {
                case NumberNode n:
                    Push(new Instruction(OpCode.Constant, 0, n.Value), node);
                    break;
                case IdentifierNode id:
                    Push(new Instruction(OpCode.Load, Resolve(id)), node);
                    break;
                case UnaryNode u:
                    Emit(u.Operand);
                    Code.Add(new Instruction(u.Operator == TokenKind.Not ? OpCode.Not : OpCode.Negate));
                    break;
                case BinaryNode b:
                    Emit(b.Left);
                    Emit(b.Right);
                    Code.Add(new Instruction(BinaryOp(b.Operator)));
                    _depth--;
                    break;
                case CallNode c:
                    EmitCall(c);
                    break;
                default:
                    throw new ExpressionException($"cannot compile {node.GetType().Name}", node.Position);
            }
        }

        private void EmitCall(CallNode call)
        {
            if (!Functions.TryGetValue(call.Function, out (OpCode Op, int Arity) f))
            {
                throw new ExpressionException(
                    $"unknown function '{call.Function}' (known: {string.Join(", ", Functions.Keys)})", call.Position, call.Function.Length);
            }

            if (call.Arguments.Count != f.Arity)
            {
                throw new ExpressionException(
                    $"'{call.Function}' takes {f.Arity} argument{(f.Arity == 1 ? "" : "s")}, got {call.Arguments.Count}", call.Position, call.Function.Length);
            }

            foreach (ExpressionNode argument in call.Arguments)
            {
                Emit(argument);
            }

            int index = 0;
            if (f.Op is OpCode.CrossAbove or OpCode.CrossBelow)
            {
                index = StateSize;
                StateSize += 2;
            }

            Code.Add(new Instruction(f.Op, index));
            _depth -= f.Arity - 1;
        }

        private void Push(Instruction instruction, ExpressionNode node)
        {
            Code.Add(instruction);
            _depth++;
            if (_depth > MaxStackDepth)
            {
                throw new ExpressionException($"the expression nests too deeply (more than {MaxStackDepth} pending operands)", node.Position);
            }

            MaxDepth = Math.Max(MaxDepth, _depth);
        }

        private int Resolve(IdentifierNode id)
        {
            if (slots.TryGetValue(id.Name, out int slot))
            {
                return slot;
            }

            string prefix = id.Name + ".";
            string[] outputs = [.. slots.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
            string problem = outputs.Length > 0
                ? $"'{id.Name}' has several outputs: write one of {string.Join(", ", outputs)}"
                : Functions.ContainsKey(id.Name)
                    ? $"'{id.Name}' is a function: call it with arguments, e.g. {id.Name}(...)"
                    : $"unknown name '{id.Name}': not an indicator output, market feature or parameter of this strategy{Suggestion(id.Name)}";
            throw new ExpressionException(problem, id.Position, id.Name.Length);
        }

        private string Suggestion(string name)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (string known in slots.Keys)
            {
                int d = EditDistance(name, known);
                if (d < bestDistance || (d == bestDistance && string.CompareOrdinal(known, best) < 0))
                {
                    (best, bestDistance) = (known, d);
                }
            }

            return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? $" (did you mean '{best}'?)" : "";
        }

        private static OpCode BinaryOp(TokenKind op) => op switch
        {
            TokenKind.Plus => OpCode.Add,
            TokenKind.Minus => OpCode.Subtract,
            TokenKind.Star => OpCode.Multiply,
            TokenKind.Slash => OpCode.Divide,
            TokenKind.Less => OpCode.Less,
            TokenKind.LessOrEqual => OpCode.LessOrEqual,
            TokenKind.Greater => OpCode.Greater,
            TokenKind.GreaterOrEqual => OpCode.GreaterOrEqual,
            TokenKind.Equal => OpCode.Equal,
            TokenKind.NotEqual => OpCode.NotEqual,
            TokenKind.And => OpCode.And,
            TokenKind.Or => OpCode.Or,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "not a binary operator"),
        };

        private static int EditDistance(string a, string b)
        {
            int[] row = [.. Enumerable.Range(0, b.Length + 1)];
            for (int i = 1; i <= a.Length; i++)
            {
                int diagonal = row[0];
                row[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int above = row[j];
                    row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                    diagonal = above;
                }
            }

            return row[b.Length];
        }
    }
}
