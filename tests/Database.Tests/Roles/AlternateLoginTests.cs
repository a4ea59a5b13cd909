using Npgsql;
using static Provisioning.Database.Tests.Sql;

namespace Provisioning.Database.Tests.Roles;

/// <summary>
/// Issue 17, the database side of a password rotation, against real PostgreSQL with a non-superuser administrator:
/// each component role has a second login (<c>&lt;role&gt;_alt</c>) with exactly the role's privileges and its own
/// password, so one login's password can change while the other's still works.
/// </summary>
[TestClass]
public sealed class AlternateLoginTests
{
    [TestMethod]
    public async Task The_alternate_logins_have_their_roles_privileges_and_nothing_more()
    {
        await using var server = await RoleTestServer.CreateAsync("altpriv");
        var (appAlt, probeAlt) = (RoleTestServer.NewPassword(), RoleTestServer.NewPassword());
        var run = await server.RunJobAsync(appAlt, probeAlt);
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        RoleTestServer.AssertNoSecret(run, server.Secrets);
        StringAssert.Contains(run.Output, $"{server.App}_alt");

        await using (var app = new NpgsqlConnection(server.ConnectionString(server.App + "_alt", appAlt)))
        {
            await app.OpenAsync();
            var id = await ScalarAsync(app, "INSERT INTO tasks (user_id, title) VALUES ('u1', 'alt') RETURNING id");
            await ExecuteAsync(app, $"UPDATE tasks SET completed = true WHERE id = {id}");
            await ExecuteAsync(app, $"DELETE FROM tasks WHERE id = {id}");
            await AssertDeniedAsync(app, "DROP TABLE tasks");
            await AssertDeniedAsync(app, "CREATE TABLE extra (id integer)");
        }
        await using (var probe = new NpgsqlConnection(server.ConnectionString(server.Probe + "_alt", probeAlt)))
        {
            await probe.OpenAsync();
            Assert.IsNotNull(await ScalarAsync(probe, """SELECT count(*) FROM "__EFMigrationsHistory" """));
            await AssertDeniedAsync(probe, "SELECT count(*) FROM tasks");
        }
    }

    [TestMethod]
    public async Task A_new_password_for_one_login_leaves_the_other_valid_and_the_old_one_refused()
    {
        await using var server = await RoleTestServer.CreateAsync("altrot");
        var (oldAlt, probeAlt) = (RoleTestServer.NewPassword(), RoleTestServer.NewPassword());
        Assert.AreEqual(0, (await server.RunJobAsync(oldAlt, probeAlt)).ExitCode);

        // The rotation's step 2: a new password for the login not in use; the role's own login keeps its password.
        var newAlt = RoleTestServer.NewPassword();
        var run = await server.RunJobAsync(newAlt, probeAlt);
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        RoleTestServer.AssertNoSecret(run, server.Secrets);
        await OpensAsync(server.ConnectionString(server.App + "_alt", newAlt));
        await OpensAsync(server.AppConnectionString);
        var refused = await Assert.ThrowsExactlyAsync<PostgresException>(() => OpensAsync(server.ConnectionString(server.App + "_alt", oldAlt)));
        Assert.AreEqual("28P01", refused.SqlState, "invalid_password");

        // Nothing changed: a second run is a no-op for both logins.
        Assert.AreEqual(0, (await server.RunJobAsync(newAlt, probeAlt)).ExitCode);
        await OpensAsync(server.ConnectionString(server.App + "_alt", newAlt));
        await OpensAsync(server.AppConnectionString);
    }

    [TestMethod]
    public async Task Without_their_variables_no_alternate_login_is_created()
    {
        await using var server = await RoleTestServer.CreateAsync("altnone");
        var run = await server.RunJobAsync();
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        await using var connection = new NpgsqlConnection(server.SuperuserConnectionString);
        await connection.OpenAsync();
        Assert.AreEqual(0L, await ScalarAsync(connection, $"SELECT count(*) FROM pg_roles WHERE rolname IN ('{server.App}_alt', '{server.Probe}_alt')"));
    }

    private static async Task OpensAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.AreEqual(1, await ScalarAsync(connection, "SELECT 1"));
    }



}
