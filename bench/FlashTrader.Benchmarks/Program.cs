using BenchmarkDotNet.Running;

// By a type of this assembly: the executable's Program is visible here too.
BenchmarkSwitcher.FromAssembly(typeof(FlashTrader.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
