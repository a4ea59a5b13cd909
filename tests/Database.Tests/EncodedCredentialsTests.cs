using Provisioning.TestSupport;

namespace Provisioning.Database.Tests;

/// <summary>docs/contract.md: user and password in DATABASE_URL are percent-encoded; the bundle must decode both.</summary>
[TestClass]
public sealed class EncodedCredentialsTests
{
    [TestMethod]
    public async Task Bundle_logs_in_with_a_percent_encoded_user_and_password_and_prints_neither_password()
    {
        await using var db = await PostgresServer.Shared.CreateDatabaseAsync("encoded");
        var role = "app@" + Guid.NewGuid().ToString("N")[..8];
        // Every character that must be encoded in a URL's user-info, plus a quote for the SQL literal below.
        var password = "p@ss:w/rd?#%&=+ '" + Guid.NewGuid().ToString("N")[..8];
        await Sql.ExecuteAsync(PostgresServer.Shared.AdminConnectionString,
            $"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'; ALTER DATABASE \"{db.Name}\" OWNER TO \"{role}\"");
        var url = $"postgresql://{Uri.EscapeDataString(role)}:{Uri.EscapeDataString(password)}@{PostgresServer.Shared.Host}:{PostgresServer.Shared.Port}/{db.Name}?sslmode=disable";

        var run = await MigrationBundle.RunAsync(url);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, $"migrate: connected to {role}@");
        Assert.IsFalse(run.Output.Contains(password, StringComparison.Ordinal));
        Assert.IsFalse(run.Output.Contains(Uri.EscapeDataString(password), StringComparison.Ordinal));
        CollectionAssert.AreEqual(new[] { role }, await Sql.RowsAsync(db.ConnectionString, "SELECT tableowner FROM pg_tables WHERE tablename = 'tasks'"));
    }
}
