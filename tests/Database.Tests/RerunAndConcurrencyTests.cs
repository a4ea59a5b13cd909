using Npgsql;
using Provisioning.Database.Tests.Roles;
using Provisioning.TestSupport;

namespace Provisioning.Database.Tests;

/// <summary>Acceptance 2: re-running is a no-op; four bundles started together all succeed.</summary>
[TestClass]
public sealed class RerunAndConcurrencyTests
{
    [TestMethod]
    public async Task Second_run_is_a_no_op_and_exits_0()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("rerun");
        Assert.AreEqual(0, (await MigrationBundle.RunAsync(db.Url)).ExitCode);
        var historyBefore = await Sql.RowsAsync(db.ConnectionString, """SELECT "MigrationId", "ProductVersion" FROM "__EFMigrationsHistory" ORDER BY 1""");

        var second = await MigrationBundle.RunAsync(db.Url);

        Assert.AreEqual(0, second.ExitCode, second.ToString());
        StringAssert.Contains(second.Output, "No migrations were applied. The database is already up to date.");
        Assert.IsFalse(second.Output.Contains("Applying migration", StringComparison.Ordinal), second.ToString());
        CollectionAssert.AreEqual(historyBefore,
            await Sql.RowsAsync(db.ConnectionString, """SELECT "MigrationId", "ProductVersion" FROM "__EFMigrationsHistory" ORDER BY 1"""));
    }

    // Serial (after the parallel tests) and a generous bound: the four runs take turns by design, and on a loaded
    // two-core machine four bundle start-ups alone can take a minute.
    private static readonly TimeSpan TakingTurns = TimeSpan.FromMinutes(5);

    [TestMethod]
    [DoNotParallelize]
    public async Task Four_bundles_started_together_all_exit_0_with_one_history_row_per_migration()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("concurrent");
        using var go = new ManualResetEventSlim();
        var runs = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => { go.Wait(); return MigrationBundle.RunAsync(db.Url, limit: TakingTurns); }))
            .ToArray();
        go.Set();

        var results = await Task.WhenAll(runs);

        foreach (var run in results)
        {
            Assert.AreEqual(0, run.ExitCode, run.ToString());
        }
        // Exactly one run applied the migrations; the others found them applied.
        Assert.AreEqual(1, results.Count(r => r.Output.Contains("Applying migration", StringComparison.Ordinal)), string.Join("\n====\n", results));
        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), await Sql.RowsAsync(db.ConnectionString, Sql.HistoryRows));
        CollectionAssert.AreEqual(new[] { "3" }, await Sql.RowsAsync(db.ConnectionString,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN ('tasks', 'conversations', 'messages')"));
    
    }

    [TestMethod]
    [DoNotParallelize]
    public async Task Four_full_jobs_started_together_create_each_role_once_and_apply_each_migration_once()
    {
        await using var server = await RoleTestServer.CreateAsync("concroles");
        using var go = new ManualResetEventSlim();
        var runs = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => { go.Wait(); return MigrationBundle.RunAsync(server.OwnerUrl, server.JobEnvironment(), limit: TakingTurns); }))
            .ToArray();
        go.Set();

        var results = await Task.WhenAll(runs);

        foreach (var run in results)
        {
            Assert.AreEqual(0, run.ExitCode, run.ToString());
            RoleTestServer.AssertNoSecret(run, server.Secrets);
        }
        var all = string.Join("\n====\n", results);
        Assert.AreEqual(1, results.Count(r => r.Output.Contains("Applying migration", StringComparison.Ordinal)), all);
        Assert.AreEqual(1, results.Count(r => r.Output.Contains($"roles: created {server.Owner}, {server.App}, {server.Probe};", StringComparison.Ordinal)), all);
        Assert.AreEqual(3, results.Count(r => r.Output.Contains("roles: created none;", StringComparison.Ordinal)), all);
        Assert.AreEqual(4, results.Count(r => r.Output.Contains($"grants: {server.App}: DML on", StringComparison.Ordinal)), all);
        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), await Sql.RowsAsync(server.SuperuserConnectionString, Sql.HistoryRows));
        CollectionAssert.AreEqual(CompiledMigrations.All.Select(_ => "1").ToList(), await Sql.RowsAsync(server.SuperuserConnectionString,
            """SELECT count(*) FROM "__EFMigrationsHistory" GROUP BY "MigrationId" ORDER BY "MigrationId" """));
        await using var app = new NpgsqlConnection(server.AppConnectionString);
        await app.OpenAsync();
    }
}
