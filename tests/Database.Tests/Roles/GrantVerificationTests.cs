namespace Provisioning.Database.Tests.Roles;

/// <summary>
/// A GRANT or REVOKE by a role without the right to make it is not an error in PostgreSQL, only a warning ("no
/// privileges were granted"). Role setup checks each one took effect and otherwise fails naming the cause and the fix,
/// instead of committing a database where the backend may still create tables.
/// </summary>
[TestClass]
public sealed class GrantVerificationTests
{
    [TestMethod]
    public async Task Schema_public_owned_by_a_role_the_administrator_is_not_in_fails_naming_the_owner_and_the_fix()
    {
        await using var server = await RoleTestServer.CreateAsync("grantcheck");
        var stranger = server.Database + "_stranger";
        await Sql.ExecuteAsync(server.SuperuserConnectionString, $"CREATE ROLE {stranger} NOLOGIN; ALTER SCHEMA public OWNER TO {stranger}");
        try
        {
            var run = await server.RunJobAsync();

            Assert.AreNotEqual(0, run.ExitCode, run.ToString());
            StringAssert.Contains(run.StandardError, $"schema public is owned by {stranger}", run.ToString());
            StringAssert.Contains(run.StandardError, $"GRANT {stranger} TO {server.Admin}", run.ToString());
            RoleTestServer.AssertNoSecret(run, server.Secrets);
            CollectionAssert.AreEqual(new[] { "True" }, await Sql.RowsAsync(server.SuperuserConnectionString,
                "SELECT EXISTS (SELECT FROM pg_namespace n, aclexplode(n.nspacl) a WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE')"),
                "a failed run changes nothing");
        }
        finally
        {
            await Sql.ExecuteAsync(server.SuperuserConnectionString, $"ALTER SCHEMA public OWNER TO {server.Group}; DROP ROLE {stranger}");
        }
    }
}
