using Provisioning.Database.Verification;
using Provisioning.TestSupport;

namespace Provisioning.Database.Tests;

/// <summary>The verifier never throws for an unreachable database: each reason becomes one actionable problem.</summary>
[TestClass]
public sealed class SchemaVerifierConnectionTests
{
    [TestMethod]
    public async Task Refused_connection_is_a_problem_not_an_exception()
    {
        var report = await SchemaVerifier.VerifyAsync($"postgresql://app:Pa55word@127.0.0.1:{FreePort.Refusing()}/todo?sslmode=disable", CancellationToken.None);

        Assert.IsFalse(report.Reachable);
        Assert.IsFalse(report.IsCurrent);
        StringAssert.StartsWith(report.Problems.Single(), "connection refused by 127.0.0.1:");
        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), report.PendingMigrations.ToList());
    }

    [TestMethod]
    public async Task Unknown_host_is_reported_as_DNS()
    {
        var report = await SchemaVerifier.VerifyAsync("postgresql://app:Pa55word@no-such-host.invalid/todo?sslmode=require", CancellationToken.None);

        StringAssert.StartsWith(report.Problems.Single(), "DNS lookup failed for 'no-such-host.invalid'");
    }

    [TestMethod]
    public async Task Wrong_password_is_reported_as_authentication_without_the_password()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("verify_pw");
        var wrong = "Wr0ng-" + Guid.NewGuid().ToString("N");

        var report = await SchemaVerifier.VerifyAsync(db.UrlWithPassword(wrong), CancellationToken.None);

        var problem = report.Problems.Single();
        StringAssert.StartsWith(problem, "authentication failed for user 'postgres'");
        Assert.IsFalse(problem.Contains(wrong, StringComparison.Ordinal));
        Assert.IsFalse(report.Target.Contains(wrong, StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task Requiring_TLS_from_a_server_without_it_is_reported_as_TLS()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("verify_tls");

        var report = await SchemaVerifier.VerifyAsync(db.Url.Replace("sslmode=disable", "sslmode=require", StringComparison.Ordinal), CancellationToken.None);

        StringAssert.StartsWith(report.Problems.Single(), "TLS negotiation with 127.0.0.1:");
    }

    [TestMethod]
    public async Task Missing_database_is_named()
    {
        var report = await SchemaVerifier.VerifyAsync(PostgresServer.Shared.UrlFor("no_such_db"), CancellationToken.None);

        StringAssert.StartsWith(report.Problems.Single(), "database 'no_such_db' does not exist");
    }

    [TestMethod]
    public async Task Timeout_is_reported_as_timeout()
    {
        // A listener that accepts TCP but never speaks PostgreSQL: the connect timeout must fire.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;

        var report = await SchemaVerifier.VerifyAsync($"postgresql://app:Pa55word@127.0.0.1:{port}/todo?sslmode=disable&connect_timeout=1", CancellationToken.None);

        StringAssert.StartsWith(report.Problems.Single(), "timed out connecting to 127.0.0.1:");
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("nonsense")]
    public async Task Invalid_url_is_a_problem_naming_DATABASE_URL(string? url)
    {
        var report = await SchemaVerifier.VerifyAsync(url!, CancellationToken.None);

        Assert.IsFalse(report.Reachable);
        StringAssert.StartsWith(report.Problems.Single(), "DATABASE_URL ");
    }
}
