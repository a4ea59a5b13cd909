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

    [TestMethod]
    public async Task Four_bundles_started_together_all_exit_0_with_one_history_row_per_migration()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("concurrent");
        using var go = new ManualResetEventSlim();
        var runs = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => { go.Wait(); return MigrationBundle.RunAsync(db.Url); }))
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
}
