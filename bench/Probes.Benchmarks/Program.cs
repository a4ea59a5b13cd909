using BenchmarkDotNet.Running;
using Provisioning.Probes.Benchmarks;

// `-- ratio` measures run time against the slowest check (200 runs); anything else goes to BenchmarkDotNet.
if (args is ["ratio", ..])
{
    return await ParallelismMeasurement.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
}
BenchmarkSwitcher.FromAssembly(typeof(FullRunBenchmark).Assembly).Run(args);
return 0;
