using Provisioning.ProbeServers;

namespace Provisioning.Probes.Tests;

/// <summary>Acceptance 2: a run with one check hanging finishes at the run deadline with every other result present.</summary>
[TestClass]
public sealed class RunDeadlineTests
{
    [TestMethod]
    public async Task A_check_that_hangs_and_ignores_cancellation_ends_at_the_run_deadline_and_the_others_are_reported()
    {
        await using var stack = await TodoStack.StartAsync();
        // The per-check timeout is longer than the deadline, so only the deadline can end the hung check.
        // The deadline leaves the healthy checks (a cold MCP session among them) room on a loaded 2-core machine.
        var settings = stack.Settings(checkTimeout: TimeSpan.FromMinutes(5), runDeadline: TimeSpan.FromSeconds(8));
        var checks = StandardChecks.Create(StubCheck.HangingForever(CheckNames.DatabaseSchema));

        var report = await Probe.RunAsync(settings, checks);

        Assert.HasCount(StandardChecks.Names.Count, report.Results);
        Probe.AssertResult(report, CheckNames.DatabaseSchema, CheckOutcome.Fail, FailureKind.Timeout, "run deadline of 8 s");
        foreach (var name in StandardChecks.Names.Where(n => n != CheckNames.DatabaseSchema))
        {
            Probe.AssertResult(report, name, CheckOutcome.Pass, FailureKind.None);
        }
    }

    [TestMethod]
    public async Task A_hanging_server_ends_at_the_run_deadline_and_is_reported_as_timeout()
    {
        await using var stack = await TodoStack.StartAsync();
        await using var hanging = await FaultServers.HangingAsync();
        var settings = stack.Settings(checkTimeout: TimeSpan.FromMinutes(5), runDeadline: TimeSpan.FromSeconds(8)) with { FrontendUrl = hanging.Url };

        var report = await Probe.RunAsync(settings);

        Probe.AssertResult(report, CheckNames.FrontendReachable, CheckOutcome.Fail, FailureKind.Timeout, "run deadline");
        Probe.AssertResult(report, CheckNames.FrontendConfig, CheckOutcome.Skipped, FailureKind.Dependency);
        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Pass, FailureKind.None);
        Probe.AssertResult(report, CheckNames.McpBackend, CheckOutcome.Pass, FailureKind.None);
    }
}
