namespace Provisioning.Database.Tests.Roles;

/// <summary>
/// Issue 19, defect 1: a new Azure database lets PUBLIC create in schema public. Role setup revokes that (the backend
/// must not create tables), so the owner needs CREATE of its own; a grant skipped because the owner already held CREATE
/// through PUBLIC left it without any, and the first run failed on __EFMigrationsHistory (42501).
/// </summary>
[TestClass]
public sealed class PublicCreateTests
{
    [TestMethod]
    public async Task First_run_on_a_new_database_where_PUBLIC_may_create_migrates_and_leaves_CREATE_to_the_owner_alone()
    {
        await using var server = await RoleTestServer.CreateAsync("pubcreate");

        var run = await server.RunJobAsync();

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), await Sql.RowsAsync(server.SuperuserConnectionString, Sql.HistoryRows));
        var create = await Sql.RowsAsync(server.SuperuserConnectionString, $"""
            SELECT has_schema_privilege('{server.Owner}', 'public', 'CREATE'), has_schema_privilege('{server.App}', 'public', 'CREATE'),
                   has_schema_privilege('{server.Probe}', 'public', 'CREATE'),
                   EXISTS (SELECT FROM pg_namespace n, aclexplode(n.nspacl) a WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE')
            """);
        Assert.AreEqual("True | False | False | False", create.Single(), "CREATE on public: owner, app, probe, PUBLIC");
    }

    [TestMethod]
    public async Task Second_run_keeps_the_owners_CREATE()
    {
        await using var server = await RoleTestServer.CreateAsync("pubagain");
        Assert.AreEqual(0, (await server.RunJobAsync()).ExitCode);

        var run = await server.RunJobAsync();

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        CollectionAssert.AreEqual(new[] { "True" }, await Sql.RowsAsync(server.SuperuserConnectionString,
            $"SELECT has_schema_privilege('{server.Owner}', 'public', 'CREATE')"));
    }
}
