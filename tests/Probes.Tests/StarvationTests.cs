using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Provisioning.Probes.Checks;
using Provisioning.ProbeServers;

namespace Provisioning.Probes.Tests;

/// <summary>
/// Issue 18.5: when the probe itself is starved, its own delay is not blamed on a component. The starvation here is
/// real, of the kind a CPU-starved container shows the process: every thread-pool thread is busy, so whatever the
/// probe must do next (notice an answer, fire a deadline) waits its turn. The backend answers at once as far as it is
/// concerned; its answer sits unread behind the blocked pool for seconds, far past the 1 s limit.
/// </summary>
[TestClass]
[DoNotParallelize] // it blocks the whole thread pool on purpose: nothing else of this process may run meanwhile
public sealed class StarvationTests
{
    /// <summary>The success criteria's queries leave out excused results by this name: it must be the kind the probe reports.</summary>
    [TestMethod]
    public void The_catalogue_names_the_starved_kind_as_the_probe_reports_it() =>
        Assert.AreEqual(ProbeTelemetry.StarvedFailureKind, FailureKind.Starved.ToString());

    [TestMethod]
    public async Task A_time_verdict_the_probes_own_starvation_decided_is_not_blamed_on_the_component_and_probe_scheduling_fails()
    {
        var starved = 0;
        await using var backend = await LoopbackServer.StartAsync(null, app => app.MapGet("/health", async () =>
        {
            if (Interlocked.Exchange(ref starved, 1) == 0)
            {
                StarvePool(TimeSpan.FromSeconds(3));
            }
            // Queued behind the blocked pool like everything else: the answer leaves only when the pool is free again.
            await Task.Delay(TimeSpan.FromMilliseconds(50));
            return Results.Json(new { status = "ok", database = "ok" });
        }));
        var settings = Probe.DatabaseOnlySettings("Host=127.0.0.1;Port=9", TimeSpan.FromSeconds(1)) with
        {
            BackendUrl = backend.Url,
            RunDeadline = TimeSpan.FromSeconds(60),
        };

        var report = await Probe.RunAsync(settings, [new BackendHealthCheck(), new ProbeSchedulingCheck()]);

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Skipped, FailureKind.Starved, "not judged, probe starved");
        Probe.AssertResult(report, CheckNames.ProbeScheduling, CheckOutcome.Fail, FailureKind.Starved, "probe starved:");
        StringAssert.Contains(report[CheckNames.ProbeScheduling].Reason, $"the time verdict of {CheckNames.BackendHealth}");
        Assert.IsTrue(report.Scheduling is { Starved: true }, "the report carries the measurement");
        Assert.AreEqual(TodoSystem.Probe, report[CheckNames.ProbeScheduling].Component, "reported under the probe, not a component of the system");
    }

    [TestMethod]
    public async Task A_probe_that_runs_on_time_passes_probe_scheduling_and_says_how_late_its_timers_were()
    {
        await using var stack = await TodoStack.StartAsync();

        var report = await Probe.RunAsync(stack.Settings(), [new BackendHealthCheck(), new ProbeSchedulingCheck()]);

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Pass, FailureKind.None);
        Probe.AssertResult(report, CheckNames.ProbeScheduling, CheckOutcome.Pass, FailureKind.None, "the probe ran on time: its timers fired up to");
    }

    /// <summary>
    /// Queues more blocking work than the pool has threads, and more than it adds while they block (it injects a
    /// thread about every half second when starved), so the queue stays full for several rounds of <paramref name="each"/>.
    /// </summary>
    private static void StarvePool(TimeSpan each)
    {
        var count = ThreadPool.ThreadCount + 16 + (4 * Environment.ProcessorCount);
        for (var i = 0; i < count; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => Thread.Sleep(each), null);
        }
    }
}
