using BenchmarkDotNet.Running;
using Provisioning.Generation.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(ValidateBenchmark).Assembly).Run(args);
