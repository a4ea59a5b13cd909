using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Provisioning.Database.Model;
using Provisioning.Database.Verification;
using Provisioning.TestSupport;

namespace Provisioning.Database.Tests;

/// <summary>The committed generated/database/migrations.sql is current and really idempotent.</summary>
[TestClass]
public sealed class IdempotentScriptTests
{
    private static readonly string ScriptPath = Path.Combine(MigrationBundle.RepositoryRoot, "generated", "database", "migrations.sql");

    [TestMethod]
    public void Committed_script_matches_the_compiled_migrations()
    {
        using var context = new TodoDbContext(TodoDbContextOptions.Create("Host=offline.invalid;Database=offline"));
        // The same call `dotnet ef migrations script --idempotent` makes.
        var expected = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var committed = File.ReadAllText(ScriptPath);

        Assert.AreEqual(Normalize(expected), Normalize(committed),
            "generated/database/migrations.sql is stale: run 'dotnet ef migrations script --idempotent --project src/Database --output generated/database/migrations.sql'");
    }

    [TestMethod]
    public async Task Committed_script_applied_twice_gives_a_current_schema()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("script");
        var script = File.ReadAllText(ScriptPath);

        await Sql.ExecuteAsync(db.ConnectionString, script);
        await Sql.ExecuteAsync(db.ConnectionString, script);

        var report = await SchemaVerifier.VerifyAsync(db.Url, CancellationToken.None);
        Assert.IsTrue(report.IsCurrent, string.Join('\n', report.Problems));
        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), await Sql.RowsAsync(db.ConnectionString, Sql.HistoryRows));
    }

    private static string Normalize(string text) => text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Trim();
}
