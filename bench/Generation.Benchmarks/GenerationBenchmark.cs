using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Provisioning.Environments.Generation;

namespace Provisioning.Generation.Benchmarks;

/// <summary>In-process generation of dev, staging and prod (load, validate, build the model, write the text), after warm-up.</summary>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class GenerationBenchmark
{
    private Workspace workspace = null!;

    [GlobalSetup]
    public void Setup() => workspace = new Workspace();

    [GlobalCleanup]
    public void Cleanup() => workspace.Dispose();

    [Benchmark]
    public int GenerateAllThree() => GenerationRun.Generate(workspace.EnvironmentDirectory).Files.Count;

    /// <summary>
    /// In process (see <see cref="ValidateBenchmark"/>), with 15 warm-up and 9 measured iterations: the target is the
    /// time after warm-up, and the short job's 3 warm-up iterations (about a second) left tiered compilation unfinished
    /// on the shared 2-core machine, so its means swung between 20 and 60 ms from run to run of the same code.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.ShortRun.WithWarmupCount(15).WithIterationCount(9).WithToolchain(InProcessEmitToolchain.Instance));
    }
}
