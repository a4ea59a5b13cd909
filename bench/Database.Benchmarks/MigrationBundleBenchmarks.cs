using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Provisioning.TestSupport;

namespace Provisioning.Database.Benchmarks;

/// <summary>
/// Wall-clock time of one bundle process, as the job runs it: from process start to exit, including .NET start-up.
/// Targets (issue 4): empty database under 3 s, no-op re-run under 1 s, on a 2-core machine, bundle already built.
/// Monitoring strategy because each operation is one process of about a second and has side effects: no pilot
/// stage, and a fresh database is prepared outside the measured interval before every iteration.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 15)]
public class MigrationBundleBenchmarks
{
    private string bundle = string.Empty;
    private TestDatabase? database;

    [GlobalSetup]
    public void BuildBundle()
    {
        bundle = Environment.GetEnvironmentVariable("PROVISIONING_BUNDLE") ?? BundleBuilder.Build();
    }

    [IterationSetup(Target = nameof(MigrateEmptyDatabase))]
    public void FreshDatabase() => database = PostgresServer.Shared.CreateDatabaseAsync("bench_empty").GetAwaiter().GetResult();

    [IterationSetup(Target = nameof(NoOpRerun))]
    public void MigratedDatabase()
    {
        FreshDatabase();
        Run();
    }

    [IterationCleanup]
    public void DropDatabase() => database?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void StopServer() => PostgresServer.StopShared();

    [Benchmark(Description = "migrate empty database")]
    public int MigrateEmptyDatabase() => Run();

    [Benchmark(Description = "no-op re-run")]
    public int NoOpRerun() => Run();

    private int Run()
    {
        var start = new ProcessStartInfo(bundle) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DATABASE_URL"] = database!.Url;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"bundle exited {process.ExitCode}: {stdout.Result}{stderr.Result}");
        }
        return process.ExitCode;
    }
}
