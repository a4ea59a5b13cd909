using Provisioning.ProbeServers;

namespace Provisioning.Probes.Tests;

/// <summary>
/// Issue 18.3: what the backend says of its database is its claim; the probe's own look is database.schema. In the same
/// run the two are set against each other, so a passing backend.health never states "database ok" as the probe's
/// finding while the probe cannot reach the database.
/// </summary>
[TestClass]
public sealed class BackendClaimTests
{
    [TestMethod]
    public async Task A_database_ok_claim_is_flagged_as_a_contradiction_when_the_probe_cannot_reach_the_database()
    {
        await using var stack = await TodoStack.StartAsync();

        // The stand-in backend always says "database ok"; the probe's DATABASE_URL points where nothing listens.
        var report = await Probe.RunAsync(stack.Settings(), StandardChecks.Create());

        Probe.AssertResult(report, CheckNames.DatabaseSchema, CheckOutcome.Fail, FailureKind.Refused);
        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Pass, FailureKind.None,
            "contradiction: the backend claims its database is ok, but the probe itself cannot reach it (database.schema: Refused)");
    }

    [TestMethod]
    public async Task Without_the_database_check_in_the_run_the_claim_is_reported_as_the_backends_own()
    {
        await using var stack = await TodoStack.StartAsync();

        var report = await Probe.RunAsync(stack.Settings(), [new Checks.BackendHealthCheck()]);

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Pass, FailureKind.None, "the backend says it and its database are ok (its own claim");
    }

    [TestMethod]
    public async Task A_backend_reporting_its_database_down_while_the_probe_reaches_it_is_the_backends_fault()
    {
        await using var stack = await TodoStack.StartAsync(backend: new BackendOptions(BackendHealth.DatabaseError));
        var checks = StandardChecks.Create(StubCheck.Passing(CheckNames.DatabaseSchema));

        var report = await Probe.RunAsync(stack.Settings(), checks);

        Probe.AssertResult(report, CheckNames.BackendHealth, CheckOutcome.Fail, FailureKind.Status, "so the fault is on the backend's side");
    }
}
