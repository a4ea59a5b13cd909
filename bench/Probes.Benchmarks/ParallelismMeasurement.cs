using System.Globalization;

namespace Provisioning.Probes.Benchmarks;

/// <summary>
/// Run time against the slowest single check of the same run, over 200 runs: 1.0 means the run costs no more
/// than its slowest check (perfect parallelism); the target is at most 1.2. BenchmarkDotNet cannot report a
/// ratio of two quantities inside one operation, hence this small measurement beside it.
/// </summary>
internal static class ParallelismMeasurement
{
    public static async Task<int> RunAsync(int runs)
    {
        await using var environment = await LocalEnvironment.StartAsync();
        using var http = ProbeHttp.CreateClient();
        var checks = StandardChecks.Create();
        for (var i = 0; i < 10; i++)
        {
            await ProbeRunner.RunAsync(checks, new ProbeContext(http, environment.Settings));
        }

        var durations = new List<double>(runs);
        var ratios = new List<double>(runs);
        var slowestNames = new Dictionary<string, int>();
        long allocated = 0;
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var report = await ProbeRunner.RunAsync(checks, new ProbeContext(http, environment.Settings));
            allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
            if (!report.AllPassed)
            {
                Console.Error.WriteLine("run " + i + " did not pass: " + string.Join("; ", report.Results.Where(r => !r.Passed).Select(r => r.Name + ": " + r.Reason)));
                return 1;
            }
            var slowest = report.Results.MaxBy(r => r.Duration)!;
            durations.Add(report.Duration.TotalMilliseconds);
            ratios.Add(report.Duration / slowest.Duration);
            slowestNames[slowest.Name] = slowestNames.GetValueOrDefault(slowest.Name) + 1;
        }

        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"runs: {runs}"));
        Console.WriteLine(string.Create(c, $"run time ms: p50 {Percentile(durations, 0.50):0.0}, p95 {Percentile(durations, 0.95):0.0}, max {durations.Max():0.0}"));
        Console.WriteLine(string.Create(c, $"run time / slowest check: p50 {Percentile(ratios, 0.50):0.000}, p95 {Percentile(ratios, 0.95):0.000}, max {ratios.Max():0.000} (target <= 1.2)"));
        Console.WriteLine(string.Create(c, $"allocated per run (probe and in-process servers together): {allocated / runs / 1024.0:0} KiB"));
        Console.WriteLine("slowest check: " + string.Join(", ", slowestNames.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}x")));
        return 0;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
