using FlashTrader.Core.Strategies.Expressions;

namespace FlashTrader.Core.Tests.Strategies.Expressions;

public sealed class ExpressionCompilerTests
{
    private static readonly Dictionary<string, int> Slots = new(StringComparer.Ordinal)
    {
        ["a"] = 0,
        ["b"] = 1,
        ["c"] = 2,
        ["rsi14"] = 3,
        ["macd.macd"] = 4,
        ["macd.signal"] = 5,
        ["macd.hist"] = 6,
        ["imbalance"] = 7,
    };

    private static double Eval(string text, params double[] values)
    {
        ExpressionProgram program = ExpressionCompiler.Compile(text, Slots);
        double[] slots = new double[8];
        values.CopyTo(slots, 0);
        return program.Evaluate(slots, program.NewState());
    }

    [Theory]
    [InlineData("a + b * c", 2, 3, 4, 14)]
    [InlineData("(a + b) * c", 2, 3, 4, 20)]
    [InlineData("a - b - c", 10, 3, 2, 5)]
    [InlineData("a / b / c", 24, 3, 2, 4)]
    [InlineData("-a * b", 2, 3, 0, -6)]
    [InlineData("a < b", 1, 2, 0, 1)]
    [InlineData("a >= b", 1, 2, 0, 0)]
    [InlineData("a == b", 2, 2, 0, 1)]
    [InlineData("a != b", 2, 2, 0, 0)]
    [InlineData("a && b", 1, 0, 0, 0)]
    [InlineData("a || b", 0, 5, 0, 1)]
    [InlineData("!a", 0, 0, 0, 1)]
    [InlineData("!(a > b) && c", 1, 2, 3, 1)]
    [InlineData("abs(a - b)", 1, 4, 0, 3)]
    [InlineData("min(a, b) + max(a, b)", 7, -2, 0, 5)]
    [InlineData("clamp(a, b, c)", 5, 0, 1, 1)]
    [InlineData("clamp(a, b, c)", -5, 0, 1, 0)]
    [InlineData("sign(a) * sqrt(b)", -3, 16, 0, -4)]
    [InlineData("log(a)", 1, 0, 0, 0)]
    public void Evaluates_arithmetic_comparisons_logic_and_functions(string text, double a, double b, double c, double expected) =>
        Eval(text, a, b, c).Should().Be(expected);

    [Fact]
    public void Matches_csharp_arithmetic_bit_for_bit()
    {
        // The built-in imbalance strength: Math.Clamp((|x| - t) / (1 - t), 0, 1). Same operations, same doubles.
        double imbalance = -0.7312345678901;
        const double threshold = 0.2;
        double expected = Math.Clamp((Math.Abs(imbalance) - threshold) / (1 - threshold), 0, 1);

        Eval("clamp((abs(a) - b) / (1 - b), 0, 1)", imbalance, threshold).Should().Be(expected);
    }

    [Fact]
    public void Comparisons_with_an_indicator_still_warming_up_are_false()
    {
        Eval("rsi14 < 30", 0, 0, 0, double.NaN).Should().Be(0);
        Eval("rsi14 >= 30", 0, 0, 0, double.NaN).Should().Be(0);
        Eval("rsi14 != 30", 0, 0, 0, double.NaN).Should().Be(0);
        Eval("!(rsi14 < 30)", 0, 0, 0, double.NaN).Should().Be(1, "negating a false comparison is true: write the rule positively");
        Eval("max(rsi14, 1)", 0, 0, 0, double.NaN).Should().Be(double.NaN);
        ExpressionProgram.IsTrue(double.NaN).Should().BeFalse();
    }

    [Fact]
    public void Cross_above_fires_once_on_the_evaluation_where_the_order_flips()
    {
        ExpressionProgram program = ExpressionCompiler.Compile("cross_above(a, b)", Slots);
        double[] state = program.NewState();
        double[] slots = new double[8];
        double[] fast = [1, 2, 3, 3, 4, 2, 5];
        double[] slow = [2, 2, 2, 3, 3, 3, 3];
        var fired = new List<double>();
        for (int i = 0; i < fast.Length; i++)
        {
            slots[0] = fast[i];
            slots[1] = slow[i];
            fired.Add(program.Evaluate(slots, state));
        }

        // 2 -> 3 over 2 (from equal), 3 -> 4 over 3 (from equal), 2 -> 5 over 3 (from below).
        fired.Should().Equal(0, 0, 1, 0, 1, 0, 1);
    }

    [Fact]
    public void Cross_below_and_each_cross_call_keep_their_own_state()
    {
        ExpressionProgram program = ExpressionCompiler.Compile("cross_below(a, b) || cross_above(a, c)", Slots);
        program.StateSize.Should().Be(4);
        double[] state = program.NewState();
        double[] slots = new double[8];
        (double A, double B, double C, double Expected)[] steps = [(5, 4, 6, 0), (3, 4, 6, 1), (7, 4, 6, 1), (7, 4, 6, 0)];
        foreach ((double a, double b, double c, double expected) in steps)
        {
            (slots[0], slots[1], slots[2]) = (a, b, c);
            program.Evaluate(slots, state).Should().Be(expected);
        }
    }

    [Theory]
    [InlineData("rsi15 < 30", 0, "unknown name 'rsi15': not an indicator output, market feature or parameter of this strategy (did you mean 'rsi14'?)")]
    [InlineData("a + zzzzzzzz", 4, "unknown name 'zzzzzzzz': not an indicator output, market feature or parameter of this strategy")]
    [InlineData("macd > 0", 0, "'macd' has several outputs: write one of macd.hist, macd.macd, macd.signal")]
    [InlineData("a > avg(b)", 4, "unknown function 'avg' (known: abs, sign, sqrt, log, min, max, clamp, cross_above, cross_below)")]
    [InlineData("max(a)", 0, "'max' takes 2 arguments, got 1")]
    [InlineData("b + abs(a, c)", 4, "'abs' takes 1 argument, got 2")]
    [InlineData("abs > 1", 0, "'abs' is a function: call it with arguments, e.g. abs(...)")]
    public void Compile_errors_name_the_problem_and_its_position(string text, int position, string problem)
    {
        Action compile = () => ExpressionCompiler.Compile(text, Slots);

        ExpressionException error = compile.Should().Throw<ExpressionException>().Which;
        error.Position.Should().Be(position);
        error.Problem.Should().Be(problem);
    }

    [Fact]
    public void Compiles_to_a_flat_postfix_program()
    {
        ExpressionProgram program = ExpressionCompiler.Compile("a + b * 2", Slots);

        program.Code.ToArray().Should().Equal(
            new Instruction(OpCode.Load, 0),
            new Instruction(OpCode.Load, 1),
            new Instruction(OpCode.Constant, 0, 2),
            new Instruction(OpCode.Multiply),
            new Instruction(OpCode.Add));
        program.StackDepth.Should().Be(3);
    }

    [Fact]
    public void Evaluation_allocates_nothing()
    {
        ExpressionProgram program = ExpressionCompiler.Compile(
            "(rsi14 < 30 && imbalance > 0.2 && a > b) || cross_above(macd.macd, macd.signal) || clamp(abs(c) / 2, 0, 1) > max(a, b)", Slots);
        double[] state = program.NewState();
        double[] slots = [1, 2, 3, 25, 0.1, 0.2, -0.1, 0.3];
        double sink = 0;
        for (int i = 0; i < 1_000; i++)
        {
            slots[4] = i % 7;
            sink += program.Evaluate(slots, state);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100_000; i++)
        {
            slots[4] = i % 7;
            sink += program.Evaluate(slots, state);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0);
        sink.Should().BePositive();
    }
}
