using Provisioning.Database.Verification;
using Provisioning.Probes.Checks;
using Provisioning.ProbeServers;

namespace Provisioning.Probes.Tests;

[TestClass]
public sealed class DatabaseSchemaCheckTests
{
    private static ProbeSettings Settings(string databaseUrl) => Probe.DatabaseOnlySettings(databaseUrl, TimeSpan.FromSeconds(10));

    [TestMethod]
    public async Task An_unreachable_database_fails_as_refused_through_the_real_verifier_without_the_password()
    {
        var url = TodoStack.UnreachableDatabaseUrl();

        var report = await Probe.RunAsync(Settings(url), [new DatabaseSchemaCheck()]);

        Probe.AssertResult(report, CheckNames.DatabaseSchema, CheckOutcome.Fail, FailureKind.Refused, "refused");
        Assert.AreEqual(CheckComponents.Database, report[CheckNames.DatabaseSchema].Component);
        Assert.DoesNotContain("not-a-real-password", report[CheckNames.DatabaseSchema].Reason);
    }

    [TestMethod]
    public async Task A_reachable_database_with_pending_migrations_fails_as_schema_with_the_verifiers_problems()
    {
        var check = new DatabaseSchemaCheck((_, _) => Task.FromResult(new SchemaReport(
            "postgresql://probe@db/todo", Reachable: true, [], ["20260101_Initial"], ["20260201_Messages"], "20260201_Messages",
            ["1 migration pending (20260201_Messages): run the migration job"])));

        var report = await Probe.RunAsync(Settings("Host=db;Database=todo"), [check]);

        Probe.AssertResult(report, CheckNames.DatabaseSchema, CheckOutcome.Fail, FailureKind.Schema, "run the migration job");
    }

    [TestMethod]
    public async Task A_current_schema_passes_naming_the_migration()
    {
        var check = new DatabaseSchemaCheck((_, _) => Task.FromResult(new SchemaReport(
            "postgresql://probe@db/todo", Reachable: true, [], ["20260201_Messages"], [], "20260201_Messages", [])));

        var report = await Probe.RunAsync(Settings("Host=db;Database=todo"), [check]);

        Probe.AssertResult(report, CheckNames.DatabaseSchema, CheckOutcome.Pass, FailureKind.None, "20260201_Messages");
    }
}
