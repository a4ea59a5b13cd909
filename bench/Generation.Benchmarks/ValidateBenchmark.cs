using System.CommandLine;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Provisioning.Bicep.Tooling;
using Provisioning.Cli.Commands;
using Provisioning.Cli.Validation;

namespace Provisioning.Generation.Benchmarks;

/// <summary>
/// <c>generate --validate</c> of all three environments against the Bicep process it starts, run alone on the same
/// files with the same arguments (the baseline: the ratio column is the acceptance's ratio), and, for reference,
/// <c>bicep build --pattern</c> on the same .bicep files. Each operation starts one Bicep process (seconds), so a few
/// iterations are enough.
/// </summary>
[Config(typeof(Config))]
public class ValidateBenchmark
{
    private Workspace workspace = null!;
    private string bicep = null!;
    private string buildOut = null!;

    [GlobalSetup]
    public void Setup()
    {
        workspace = new Workspace();
        buildOut = Path.Combine(workspace.Root, "build-out");
        bicep = BicepExecutable.Find().Path ?? throw new InvalidOperationException(BicepExecutable.Find().Problem);
        // The baselines need the files on disk; a failing validation would make every number meaningless.
        if (GenerateAndValidate() != 0)
        {
            throw new InvalidOperationException("generate --validate does not pass on the repository's env/.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => workspace.Dispose();

    [Benchmark]
    public int GenerateAndValidate()
    {
        var root = GenerateCommand.CreateRoot();
        return root.Parse(["--env-dir", workspace.EnvironmentDirectory, "--out", workspace.OutputDirectory, "--validate"])
            .Invoke(new InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });
    }

    [Benchmark(Baseline = true)]
    public int BicepLintPatternAlone() =>
        new BicepProcess(bicep).Run(workspace.OutputDirectory, GeneratedValidation.Placeholders(workspace.OutputDirectory), TimeSpan.FromMinutes(5),
            GeneratedValidation.Arguments).ExitCode;

    [Benchmark]
    public int BicepBuildPatternAlone() =>
        new BicepProcess(bicep).Run(workspace.OutputDirectory, new Dictionary<string, string>(), TimeSpan.FromMinutes(5),
            "build", "--pattern", "**/*.bicep", "--outdir", buildOut, "--config", BicepExecutable.StrictConfigPath).ExitCode;

    /// <summary>
    /// In process: what is measured is one Bicep process per operation, and building BenchmarkDotNet's separate
    /// project for the Cli's dependency tree takes longer than its build timeout on a shared 2-core machine.
    /// </summary>
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }
}
