using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;

namespace Provisioning.Probes.Benchmarks;

/// <summary>One full run of the eight checks against local servers; 200 measured runs give p50/p95 and memory per run.</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 10, iterationCount: 200, invocationCount: 1)]
[Config(typeof(PercentilesConfig))]
public class FullRunBenchmark
{
    private LocalEnvironment environment = null!;
    private HttpClient http = null!;
    private IReadOnlyList<IProbeCheck> checks = null!;

    [GlobalSetup]
    public void Setup()
    {
        environment = LocalEnvironment.StartAsync().GetAwaiter().GetResult();
        http = ProbeHttp.CreateClient();
        checks = StandardChecks.Create();
        var first = FullRun();
        if (!first.AllPassed)
        {
            throw new InvalidOperationException("The local environment is not healthy: " +
                string.Join("; ", first.Results.Where(r => !r.Passed).Select(r => $"{r.Name}: {r.Reason}")));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        http.Dispose();
        environment.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public ProbeReport FullRun() =>
        ProbeRunner.RunAsync(checks, new ProbeContext(http, environment.Settings)).GetAwaiter().GetResult();
}

/// <summary>The acceptance asks for p50 and p95 of the run time.</summary>
public sealed class PercentilesConfig : ManualConfig
{
    public PercentilesConfig() => AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.Max);
}
