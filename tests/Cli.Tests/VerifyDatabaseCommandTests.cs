using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Provisioning.Cli.Commands;
using Provisioning.Database.Model;
using Provisioning.TestSupport;

namespace Provisioning.Cli.Tests;

/// <summary>Acceptance 5 (CLI half): verify-db prints a table and exits 0 / 1 / 2 as documented.</summary>
[TestClass]
public sealed class VerifyDatabaseCommandTests
{
    private static async Task<TestDatabase> MigratedDatabaseAsync(string prefix)
    {
        var db = await PostgresServer.Shared.CreateDatabaseAsync(prefix);
        // The bundle itself is tested in Database.Tests; here the same migrations are applied in-process.
        await using var context = new TodoDbContext(TodoDbContextOptions.Create(db.ConnectionString));
        await context.Database.MigrateAsync();
        return db;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string? databaseUrl, int timeoutSeconds = 30)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await VerifyDatabaseCommand.RunAsync(databaseUrl, TimeSpan.FromSeconds(timeoutSeconds), output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [TestMethod]
    public async Task Current_schema_prints_ok_rows_and_exits_0()
    {
        await using var db = await MigratedDatabaseAsync("cli_ok");

        var (exit, output, error) = await RunAsync(db.Url);

        Assert.AreEqual(ExitCodes.Success, exit, output + error);
        StringAssert.Contains(output, $"Database: postgres@127.0.0.1:{PostgresServer.Shared.Port}/{db.Name}");
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"^tasks\s+ok\s+7/7$", System.Text.RegularExpressions.RegexOptions.Multiline));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"^messages\s+ok\s+6/6$", System.Text.RegularExpressions.RegexOptions.Multiline));
        StringAssert.Contains(output, "Result: schema is current");
        Assert.IsFalse((output + error).Contains(PostgresServer.Shared.Password, StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Dropped_table_is_listed_as_missing_and_exits_1()
    {
        await using var db = await MigratedDatabaseAsync("cli_drop");
        await using (var connection = new Npgsql.NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand("DROP TABLE messages", connection);
            await drop.ExecuteNonQueryAsync();
        }

        var (exit, output, _) = await RunAsync(db.Url);

        Assert.AreEqual(ExitCodes.CheckFailed, exit, output);
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"^messages\s+missing\s+0/6\s+id, content, conversation_id, created_at, role, user_id$", System.Text.RegularExpressions.RegexOptions.Multiline));
        StringAssert.Contains(output, "Result: NOT current");
        StringAssert.Contains(output, "  - table 'messages' is missing: run the migration job");
    }

    [TestMethod]
    public async Task Pending_migration_is_listed_and_exits_1()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("cli_pending");
        await using (var context = new TodoDbContext(TodoDbContextOptions.Create(db.ConnectionString)))
        {
            var first = context.Database.GetMigrations().First();
            await context.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(first);
        }

        var (exit, output, _) = await RunAsync(db.Url);

        Assert.AreEqual(ExitCodes.CheckFailed, exit, output);
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"_CreateTasks\s+applied$", System.Text.RegularExpressions.RegexOptions.Multiline));
        StringAssert.Matches(output, new System.Text.RegularExpressions.Regex(@"_AddChat\s+pending$", System.Text.RegularExpressions.RegexOptions.Multiline));
        StringAssert.Contains(output, "migration(s) pending");
    }

    [TestMethod]
    [DataRow(null, "DATABASE_URL is not set")]
    [DataRow("http://app:Pa55word@db/todo", "DATABASE_URL has the scheme 'http'")]
    public async Task Missing_or_malformed_DATABASE_URL_exits_2_with_one_line(string? url, string expected)
    {
        var (exit, output, error) = await RunAsync(url);

        Assert.AreEqual(ExitCodes.InvalidInput, exit);
        Assert.AreEqual(string.Empty, output);
        StringAssert.StartsWith(error, expected);
        Assert.AreEqual(1, error.Trim().Split('\n').Length, error);
        Assert.IsFalse(error.Contains("Pa55word", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Unreachable_database_exits_1_with_the_reason_and_no_password()
    {
        var (exit, output, _) = await RunAsync($"postgresql://app:Pa55word@127.0.0.1:{FreePort.Refusing()}/todo?sslmode=disable");

        Assert.AreEqual(ExitCodes.CheckFailed, exit);
        StringAssert.Contains(output, "  - connection refused by 127.0.0.1:");
        Assert.IsFalse(output.Contains("Pa55word", StringComparison.Ordinal));
    }

    /// <summary>Only the whole password is masked: a one-letter password must not turn "port" into "***ort".</summary>
    [TestMethod]
    public async Task A_one_letter_password_leaves_ordinary_words_intact()
    {
        var (exit, output, _) = await RunAsync($"postgresql://app:p@127.0.0.1:{FreePort.Refusing()}/todo?sslmode=disable");

        Assert.AreEqual(ExitCodes.CheckFailed, exit);
        StringAssert.Contains(output, "check the host and port in DATABASE_URL");
        Assert.IsFalse(output.Contains("***", StringComparison.Ordinal), output);
    }

    [TestMethod]
    public void Command_has_no_option_that_could_carry_a_password()
    {
        var command = VerifyDatabaseCommand.Create();

        CollectionAssert.AreEqual(new[] { "--timeout" }, command.Options.Select(o => o.Name).ToList());
    }
}
