using System.Runtime.InteropServices;

namespace FlashTrader.Core.Strategies.Expressions;

/// <summary>One step of an <see cref="ExpressionProgram"/>: a slot or state index in <see cref="Index"/>, a literal in <see cref="Value"/>.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct Instruction(OpCode Op, int Index = 0, double Value = 0);
