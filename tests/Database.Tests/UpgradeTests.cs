using Provisioning.TestSupport;

namespace Provisioning.Database.Tests;

/// <summary>Acceptance 3: rows written under an older schema survive the upgrade to the newest one.</summary>
[TestClass]
public sealed class UpgradeTests
{
    [TestMethod]
    public async Task Rows_seeded_at_the_first_migration_survive_the_upgrade_to_the_latest()
    {
        Assert.IsGreaterThan(1, CompiledMigrations.All.Count, "needs at least two migrations to upgrade across");
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("upgrade");
        // The bundle's optional argument is the target migration: stop at the first one, like an older release.
        var old = await MigrationBundle.RunAsync(db.Url, args: [CompiledMigrations.First]);
        Assert.AreEqual(0, old.ExitCode, old.ToString());
        CollectionAssert.AreEqual(new[] { CompiledMigrations.First }, await Sql.RowsAsync(db.ConnectionString, Sql.HistoryRows));
        await Sql.ExecuteAsync(db.ConnectionString, """
            INSERT INTO tasks (user_id, title, description, completed, created_at, updated_at) VALUES
              ('alice', 'write report', 'due friday', true, '2025-01-02T03:04:05Z', '2025-01-03T00:00:00Z'),
              ('bob', 'ünïcödé ✓', NULL, false, '2025-02-01T00:00:00Z', '2025-02-01T00:00:00Z');
            """);
        var before = await Sql.RowsAsync(db.ConnectionString, "SELECT id, user_id, title, description, completed, created_at, updated_at FROM tasks ORDER BY id");

        var upgrade = await MigrationBundle.RunAsync(db.Url);

        Assert.AreEqual(0, upgrade.ExitCode, upgrade.ToString());
        foreach (var later in CompiledMigrations.All.Skip(1))
        {
            StringAssert.Contains(upgrade.Output, $"Applying migration '{later}'");
        }
        CollectionAssert.AreEqual(before,
            await Sql.RowsAsync(db.ConnectionString, "SELECT id, user_id, title, description, completed, created_at, updated_at FROM tasks ORDER BY id"));
        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), await Sql.RowsAsync(db.ConnectionString, Sql.HistoryRows));
        // The identity continues after the seeded rows instead of colliding with them.
        await Sql.ExecuteAsync(db.ConnectionString, "INSERT INTO tasks (user_id, title) VALUES ('carol', 'new')");
        CollectionAssert.AreEqual(new[] { "3" }, await Sql.RowsAsync(db.ConnectionString, "SELECT max(id) FROM tasks"));
    }
}
