using Provisioning.Database.Verification;
using Provisioning.TestSupport;

namespace Provisioning.Database.Tests;

/// <summary>Acceptance 5 (library half): the verifier passes a current schema and names what is missing or pending.</summary>
[TestClass]
public sealed class SchemaVerifierTests
{
    [TestMethod]
    public async Task Current_schema_passes_with_no_problems()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("verify_ok");
        Assert.AreEqual(0, (await MigrationBundle.RunAsync(db.Url)).ExitCode);

        var report = await SchemaVerifier.VerifyAsync(db.Url, CancellationToken.None);

        Assert.IsTrue(report.IsCurrent, string.Join('\n', report.Problems));
        Assert.IsTrue(report.Reachable);
        Assert.IsEmpty(report.PendingMigrations);
        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), report.AppliedMigrations.ToList());
        Assert.AreEqual(CompiledMigrations.All[^1], report.LatestCompiledMigration);
        CollectionAssert.AreEquivalent(new[] { "tasks", "conversations", "messages" }, report.Tables.Select(t => t.Table).ToList());
        Assert.IsTrue(report.Tables.All(t => t.IsComplete));
        Assert.IsFalse(report.Target.Contains(PostgresServer.Shared.Password, StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Keyword_form_is_accepted_too()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("verify_kw");
        Assert.AreEqual(0, (await MigrationBundle.RunAsync(db.ConnectionString)).ExitCode);

        var report = await SchemaVerifier.VerifyAsync(db.ConnectionString, CancellationToken.None);

        Assert.IsTrue(report.IsCurrent, string.Join('\n', report.Problems));
    }

    [TestMethod]
    public async Task Dropped_table_is_reported_missing_with_the_fix()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("verify_drop");
        Assert.AreEqual(0, (await MigrationBundle.RunAsync(db.Url)).ExitCode);
        await Sql.ExecuteAsync(db.ConnectionString, "DROP TABLE messages");

        var report = await SchemaVerifier.VerifyAsync(db.Url, CancellationToken.None);

        Assert.IsFalse(report.IsCurrent);
        var messages = report.Tables.Single(t => t.Table == "messages");
        Assert.IsFalse(messages.Exists);
        CollectionAssert.AreEquivalent(new[] { "id", "user_id", "conversation_id", "role", "content", "created_at" }, messages.ColumnsMissing.ToList());
        Assert.HasCount(1, report.Problems);
        StringAssert.StartsWith(report.Problems[0], "table 'messages' is missing: run the migration job");
    }

    [TestMethod]
    public async Task Dropped_column_is_reported_by_name()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("verify_col");
        Assert.AreEqual(0, (await MigrationBundle.RunAsync(db.Url)).ExitCode);
        await Sql.ExecuteAsync(db.ConnectionString, "ALTER TABLE tasks DROP COLUMN description");

        var report = await SchemaVerifier.VerifyAsync(db.Url, CancellationToken.None);

        Assert.IsFalse(report.IsCurrent);
        CollectionAssert.AreEqual(new[] { "description" }, report.Tables.Single(t => t.Table == "tasks").ColumnsMissing.ToList());
        StringAssert.StartsWith(report.Problems.Single(), "table 'tasks' lacks column(s) description");
    }

    [TestMethod]
    public async Task Rolled_back_migration_is_reported_pending_and_its_tables_missing()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("verify_back");
        Assert.AreEqual(0, (await MigrationBundle.RunAsync(db.Url)).ExitCode);
        // The bundle rolls back (runs Down) when given an older target.
        var back = await MigrationBundle.RunAsync(db.Url, args: [CompiledMigrations.First]);
        Assert.AreEqual(0, back.ExitCode, back.ToString());

        var report = await SchemaVerifier.VerifyAsync(db.Url, CancellationToken.None);

        Assert.IsFalse(report.IsCurrent);
        CollectionAssert.AreEqual(CompiledMigrations.All.Skip(1).ToList(), report.PendingMigrations.ToList());
        CollectionAssert.AreEqual(new[] { CompiledMigrations.First }, report.AppliedMigrations.ToList());
        Assert.IsTrue(report.Tables.Single(t => t.Table == "tasks").IsComplete);
        Assert.IsFalse(report.Tables.Single(t => t.Table == "conversations").Exists);
        Assert.IsTrue(report.Problems.Any(p => p.StartsWith($"{CompiledMigrations.All.Count - 1} migration(s) pending ({CompiledMigrations.All[^1]})", StringComparison.Ordinal)),
            string.Join('\n', report.Problems));
    }

    [TestMethod]
    public async Task Empty_database_reports_every_table_and_every_migration()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("verify_empty");

        var report = await SchemaVerifier.VerifyAsync(db.Url, CancellationToken.None);

        Assert.IsTrue(report.Reachable);
        Assert.IsEmpty(report.AppliedMigrations);
        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), report.PendingMigrations.ToList());
        Assert.HasCount(4, report.Problems, string.Join('\n', report.Problems));
    }

    [TestMethod]
    public async Task Unknown_applied_migration_means_the_build_is_older_than_the_database()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("verify_newer");
        Assert.AreEqual(0, (await MigrationBundle.RunAsync(db.Url)).ExitCode);
        await Sql.ExecuteAsync(db.ConnectionString, """INSERT INTO "__EFMigrationsHistory" VALUES ('29990101000000_FromTheFuture', '10.0.15')""");

        var report = await SchemaVerifier.VerifyAsync(db.Url, CancellationToken.None);

        Assert.IsFalse(report.IsCurrent);
        StringAssert.Contains(report.Problems.Single(), "29990101000000_FromTheFuture");
        CollectionAssert.AreEqual(new[] { "29990101000000_FromTheFuture" }, report.UnknownMigrations.ToList());
    }
}
