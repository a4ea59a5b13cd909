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

    /// <summary>BenchmarkDotNet's short job, in process (see <see cref="ValidateBenchmark"/>).</summary>
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
