using Provisioning.TestSupport;

namespace Provisioning.Database.Tests;

/// <summary>Acceptance 4: bad configuration and unreachable servers give one clear line, the right exit code, bounded time, no password.</summary>
[TestClass]
public sealed class BundleFailureTests
{
    private static readonly Dictionary<string, string> ShortBudget = new() { ["MIGRATE_CONNECT_TIMEOUT_SECONDS"] = "5" };
    // With a 5 s budget the backoff is: attempt 1, wait 1 s, attempt 2, wait 2 s, attempt 3, then a 4 s wait would
    // overrun the budget, so it gives up. Each step has at least a second of slack for a slow machine.

    [TestMethod]
    public void Unset_DATABASE_URL_prints_one_line_naming_it_and_exits_2()
    {
        var run = MigrationBundle.Run(null, limit: TimeSpan.FromSeconds(30));

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        var line = SingleLine(run);
        StringAssert.StartsWith(line, "migrate: DATABASE_URL is not set");
        StringAssert.Contains(line, "postgresql://USER:PASSWORD@HOST:5432/todo?sslmode=require");
    }

    [TestMethod]
    [DataRow("postgresql://app:s3cr%@db.example.com/todo", "is not a valid URL")]
    [DataRow("mysql://app:Pa55word@db.example.com/todo", "has the scheme 'mysql'")]
    [DataRow("postgresql://app:Pa55word@db.example.com/todo?sslmode=requir", "has sslmode 'requir'")]
    [DataRow("postgresql://app:Pa55word@db.example.com/", "has no database name")]
    [DataRow("Host=db.example.com;Databse=todo;Password=Pa55word", "is not a valid Npgsql connection string")]
    [DataRow("just some text", "is neither a postgresql:// URL nor a Key=Value; connection string")]
    public void Malformed_DATABASE_URL_prints_one_line_without_the_value_and_exits_2(string value, string expected)
    {
        var run = MigrationBundle.Run(value, limit: TimeSpan.FromSeconds(30));

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        var line = SingleLine(run);
        StringAssert.Contains(line, "DATABASE_URL " + expected);
        StringAssert.Contains(line, "expected postgresql://");
        Assert.IsFalse(line.Contains("Pa55word", StringComparison.Ordinal), line);
        Assert.IsFalse(line.Contains("s3cr", StringComparison.Ordinal), line);
    }

    [TestMethod]
    public void Malformed_connect_budget_is_invalid_input()
    {
        var run = MigrationBundle.Run("postgresql://app:x@127.0.0.1/todo", new Dictionary<string, string> { ["MIGRATE_CONNECT_TIMEOUT_SECONDS"] = "soon" });

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(SingleLine(run), "MIGRATE_CONNECT_TIMEOUT_SECONDS is 'soon'");
    }

    [TestMethod]
    public async Task Wrong_password_fails_at_once_with_a_clear_line_and_no_password_anywhere()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("wrongpw");
        var wrong = "Wr0ng-" + Guid.NewGuid().ToString("N");

        var run = await MigrationBundle.RunAsync(db.UrlWithPassword(wrong), limit: TimeSpan.FromSeconds(30));

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(SingleLine(run), "cannot migrate: authentication failed for user 'postgres'");
        Assert.IsFalse(run.Output.Contains("attempt", StringComparison.Ordinal), "a wrong password must not be retried:\n" + run);
        Assert.IsFalse(run.Output.Contains(wrong, StringComparison.Ordinal), run.ToString());
        Assert.IsFalse(run.Output.Contains(PostgresServer.Shared.Password, StringComparison.Ordinal), "the real password leaked");
        CollectionAssert.AreEqual(new[] { "0" }, await Sql.RowsAsync(db.ConnectionString,
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [TestMethod]
    public void Refused_connection_is_retried_with_backoff_then_gives_up_within_the_budget()
    {
        var password = "Unused-" + Guid.NewGuid().ToString("N");
        var url = $"postgresql://app:{password}@127.0.0.1:{FreePort.Refusing()}/todo?sslmode=disable";

        // 8 s leaves room for three attempts (1 s and 2 s of backoff) even when each attempt is slow on a busy machine;
        // how many fit depends on that speed, so the test checks the backoff's shape, not a count.
        var run = MigrationBundle.Run(url, new Dictionary<string, string> { ["MIGRATE_CONNECT_TIMEOUT_SECONDS"] = "8" }, limit: TimeSpan.FromSeconds(60));

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var retries = lines[..^1];
        Assert.IsGreaterThanOrEqualTo(2, retries.Length, "at least two retries fit in the budget:\n" + run);
        for (var i = 0; i < retries.Length; i++)
        {
            StringAssert.StartsWith(retries[i], $"migrate: attempt {i + 1} failed: connection refused by 127.0.0.1:");
            StringAssert.Contains(retries[i], $"retrying in {1 << i} s", "the backoff doubles");
        }
        StringAssert.StartsWith(lines[^1], "migrate: cannot migrate: connection refused");
        StringAssert.Contains(lines[^1], $"gave up after {retries.Length + 1} attempt(s)");
        Assert.IsFalse(run.Output.Contains(password, StringComparison.Ordinal), run.ToString());
    }

    [TestMethod]
    public void Unknown_host_is_reported_as_a_DNS_failure()
    {
        var run = MigrationBundle.Run("postgresql://app:Pa55word@no-such-host.invalid:5432/todo?sslmode=require", ShortBudget, limit: TimeSpan.FromSeconds(60));

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        var last = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        StringAssert.StartsWith(last, "migrate: cannot migrate: DNS lookup failed for 'no-such-host.invalid'");
        Assert.IsFalse(run.Output.Contains("Pa55word", StringComparison.Ordinal), run.ToString());
    }

    private static string SingleLine(BundleRun run)
    {
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, run.ToString());
        return lines[0];
    }
}
