using Microsoft.EntityFrameworkCore;
using Provisioning.Database.Model;
using Provisioning.Probes.Checks;
using Provisioning.TestSupport;

namespace Provisioning.Probes.Tests;

/// <summary>database.schema against a real throwaway PostgreSQL: migrated passes, empty fails naming what is missing.</summary>
[TestClass]
public sealed class DatabaseSchemaPassTests
{
    [ClassCleanup]
    public static void StopPostgres() => PostgresServer.StopShared();

    private static ProbeSettings Settings(string databaseUrl) => Probe.DatabaseOnlySettings(databaseUrl, TimeSpan.FromSeconds(20));

    [TestMethod]
    public async Task A_migrated_database_passes_and_an_empty_one_fails_as_schema()
    {
        await using var database = await PostgresServer.Shared.CreateDatabaseAsync("probe");

        var empty = await Probe.RunAsync(Settings(database.Url), [new DatabaseSchemaCheck()]);
        Probe.AssertResult(empty, CheckNames.DatabaseSchema, CheckOutcome.Fail, FailureKind.Schema, "tasks");
        Assert.DoesNotContain(PostgresServer.Shared.Password, empty[CheckNames.DatabaseSchema].Reason);

        await using (var context = new TodoDbContext(TodoDbContextOptions.Create(database.ConnectionString)))
        {
            await context.Database.MigrateAsync();
        }
        var migrated = await Probe.RunAsync(Settings(database.Url), [new DatabaseSchemaCheck()]);
        Probe.AssertResult(migrated, CheckNames.DatabaseSchema, CheckOutcome.Pass, FailureKind.None);
    }
}
