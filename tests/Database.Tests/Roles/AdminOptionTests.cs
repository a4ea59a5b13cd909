namespace Provisioning.Database.Tests.Roles;

/// <summary>
/// Issue 19, defect 2: since PostgreSQL 16 CREATEROLE is not enough to alter a role; the administrator needs ADMIN
/// OPTION on it, which it has only on the roles it created. Roles that exist but were made by someone else (an
/// in-place 15→16 upgrade, a restore, a hand-made role) must fail with a message that names the missing ADMIN OPTION
/// and the statement that fixes it, and the run must pass once that statement ran.
/// </summary>
[TestClass]
public sealed class AdminOptionTests
{
    [TestMethod]
    public async Task Roles_made_by_another_role_name_the_missing_ADMIN_OPTION_and_pass_once_it_is_granted()
    {
        await using var server = await RoleTestServer.CreateAsync("adminopt");
        // Made by the superuser, as an upgrade from 15 (where CREATEROLE sufficed) leaves them.
        await Sql.ExecuteAsync(server.SuperuserConnectionString, $"CREATE ROLE {server.Owner} LOGIN; CREATE ROLE {server.App} LOGIN; CREATE ROLE {server.Probe} LOGIN");

        var run = await server.RunJobAsync();

        if (server.MajorVersion < 16)
        {
            // 15: CREATEROLE may alter any role that is not a superuser.
            Assert.AreEqual(0, run.ExitCode, run.ToString());
            return;
        }
        Assert.AreNotEqual(0, run.ExitCode, run.ToString());
        foreach (var role in new[] { server.Owner, server.App, server.Probe })
        {
            StringAssert.Contains(run.StandardError, $"GRANT {role} TO {server.Admin} WITH ADMIN OPTION", run.ToString());
        }
        StringAssert.Contains(run.StandardError, "ADMIN OPTION", run.ToString());
        Assert.IsFalse(run.StandardError.Contains("needs CREATEROLE", StringComparison.Ordinal), "the administrator has CREATEROLE; the message must not blame it:\n" + run);
        RoleTestServer.AssertNoSecret(run, server.Secrets);

        await Sql.ExecuteAsync(server.SuperuserConnectionString,
            $"GRANT {server.Owner} TO {server.Admin} WITH ADMIN OPTION; GRANT {server.App} TO {server.Admin} WITH ADMIN OPTION; GRANT {server.Probe} TO {server.Admin} WITH ADMIN OPTION");
        var fixedRun = await server.RunJobAsync();

        Assert.AreEqual(0, fixedRun.ExitCode, fixedRun.ToString());
        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), await Sql.RowsAsync(server.SuperuserConnectionString, Sql.HistoryRows));
    }
}
