using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Templating.Bench.RenderBenchmarks).Assembly).Run(args);
