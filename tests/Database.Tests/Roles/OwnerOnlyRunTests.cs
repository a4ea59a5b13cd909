using Npgsql;

namespace Provisioning.Database.Tests.Roles;

/// <summary>
/// The job with DATABASE_URL only (no DATABASE_ADMIN_URL, no role passwords), as a local stack may run it: it migrates,
/// grants to the roles that exist and names the ones that do not, and still exits 0.
/// </summary>
[TestClass]
public sealed class OwnerOnlyRunTests
{
    [TestMethod]
    public async Task Missing_roles_are_named_with_the_fix_and_the_migration_still_succeeds()
    {
        await using var server = await RoleTestServer.CreateAsync("ownonly");

        var run = await MigrationBundle.RunAsync(server.Url(server.Admin, server.AdminPassword), server.JobEnvironment(withAdmin: false));

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), await Sql.RowsAsync(server.SuperuserConnectionString, Sql.HistoryRows));
        StringAssert.Contains(run.StandardOutput, "migrate: grants: none");
        foreach (var role in new[] { server.App, server.Probe })
        {
            StringAssert.Contains(run.StandardError, $"migrate: role {role} does not exist: its grants were skipped; set DATABASE_ADMIN_URL");
        }
    }

    [TestMethod]
    public async Task Roles_that_exist_get_their_grants_without_the_administrator()
    {
        await using var server = await RoleTestServer.CreateAsync("ownexist");
        await Sql.ExecuteAsync(server.SuperuserConnectionString, $"CREATE ROLE {server.App} LOGIN; CREATE ROLE {server.Probe} LOGIN");
        await SetPasswordAsync(server, server.App, server.AppPassword);

        var run = await MigrationBundle.RunAsync(server.Url(server.Admin, server.AdminPassword), server.JobEnvironment(withAdmin: false));

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        Assert.IsFalse(run.Output.Contains("does not exist", StringComparison.Ordinal), run.ToString());
        await Sql.ExecuteAsync(server.AppConnectionString, "INSERT INTO tasks (user_id, title) VALUES ('u', 't')");
        CollectionAssert.AreEqual(new[] { "SELECT" }, await Sql.RowsAsync(server.SuperuserConnectionString,
            $"SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = '{server.Probe}'"));
    }

    [TestMethod]
    public async Task Role_passwords_without_the_administrator_are_not_applied_and_the_run_says_so()
    {
        await using var server = await RoleTestServer.CreateAsync("ownpw");
        var environment = server.JobEnvironment(withAdmin: false);
        environment["TODO_APP_DATABASE_PASSWORD"] = server.AppPassword;

        var run = await MigrationBundle.RunAsync(server.Url(server.Admin, server.AdminPassword), environment);

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StandardError, "DATABASE_ADMIN_URL is not set: the role passwords given in TODO_APP_DATABASE_PASSWORD/TODO_PROBE_DATABASE_PASSWORD/TODO_APP_ALT_DATABASE_PASSWORD/TODO_PROBE_ALT_DATABASE_PASSWORD are not applied");
        RoleTestServer.AssertNoSecret(run, server.Secrets);
    }

    private static async Task SetPasswordAsync(RoleTestServer server, string role, string password)
    {
        await using var connection = new NpgsqlConnection(server.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var format = new NpgsqlCommand("SELECT format('ALTER ROLE %I PASSWORD %L', @role, @password)", connection);
        format.Parameters.AddWithValue("role", role);
        format.Parameters.AddWithValue("password", password);
        await using var alter = new NpgsqlCommand((string)(await format.ExecuteScalarAsync())!, connection);
        await alter.ExecuteNonQueryAsync();
    }
}
