namespace Provisioning.Database.Tests.Roles;

/// <summary>The role variables: bad values stop the job before it connects (exit 2), and no line shows a password.</summary>
[TestClass]
public sealed class RoleConfigurationTests
{
    private const string Owner = "postgresql://todo_owner:Own3r-secret@db.example.com:5432/todo?sslmode=require";

    [TestMethod]
    [DataRow("postgresql://todoadmin:Adm1n-secret%@db.example.com/todo", "DATABASE_ADMIN_URL is not a valid URL")]
    [DataRow("mysql://todoadmin:Adm1n-secret@db.example.com/todo", "DATABASE_ADMIN_URL has the scheme 'mysql'")]
    [DataRow("postgresql://todoadmin:Adm1n-secret@other.example.com:5432/todo", "DATABASE_ADMIN_URL names the server other.example.com:5432 but DATABASE_URL names db.example.com:5432")]
    [DataRow("postgresql://todo_owner:Adm1n-secret@db.example.com:5432/todo", "DATABASE_ADMIN_URL and DATABASE_URL name the same user 'todo_owner'")]
    public void Bad_admin_url_is_invalid_input_naming_the_variable(string adminUrl, string expected)
    {
        var run = MigrationBundle.Run(Owner, new Dictionary<string, string> { ["DATABASE_ADMIN_URL"] = adminUrl }, limit: TimeSpan.FromSeconds(30));

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.StartsWith(run.Output, "migrate: " + expected);
        Assert.IsFalse(run.Output.Contains("secret", StringComparison.Ordinal), run.ToString());
    }

    [TestMethod]
    [DataRow("TODO_APP_DATABASE_ROLE", "Todo-App", "TODO_APP_DATABASE_ROLE is not a usable role name")]
    [DataRow("TODO_PROBE_DATABASE_ROLE", "pg_monitor", "TODO_PROBE_DATABASE_ROLE is not a usable role name")]
    [DataRow("TODO_APP_DATABASE_ROLE", "todo_owner", "name the same role")]
    public void Bad_role_variable_is_invalid_input_naming_it(string variable, string value, string expected)
    {
        var run = MigrationBundle.Run(Owner, new Dictionary<string, string> { [variable] = value }, limit: TimeSpan.FromSeconds(30));

        Assert.AreEqual(2, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, expected);
        Assert.IsFalse(run.Output.Contains("secret", StringComparison.Ordinal), run.ToString());
    }

    [TestMethod]
    public async Task Wrong_admin_password_fails_at_once_naming_the_administrator()
    {
        await using var server = await RoleTestServer.CreateAsync("admwrong");
        var environment = server.JobEnvironment();
        var wrong = "Wr0ng-" + Guid.NewGuid().ToString("N");
        environment["DATABASE_ADMIN_URL"] = server.Url(server.Admin, wrong);

        var run = await MigrationBundle.RunAsync(server.OwnerUrl, environment, limit: TimeSpan.FromSeconds(60));

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, $"migrate: cannot set up roles: authentication failed for user '{server.Admin}'");
        RoleTestServer.AssertNoSecret(run, [.. server.Secrets, wrong]);
    }

    [TestMethod]
    public async Task An_administrator_without_CREATEROLE_fails_with_what_it_lacks_and_changes_nothing()
    {
        await using var server = await RoleTestServer.CreateAsync("admweak");
        await Sql.ExecuteAsync(server.SuperuserConnectionString, $"ALTER ROLE {server.Admin} NOCREATEROLE");

        var run = await server.RunJobAsync();

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, $"migrate: cannot set up roles as '{server.Admin}': permission denied to create role (SQLSTATE 42501)");
        RoleTestServer.AssertNoSecret(run, server.Secrets);
        CollectionAssert.AreEqual(new[] { "0" }, await Sql.RowsAsync(server.SuperuserConnectionString,
            $"SELECT count(*) FROM pg_roles WHERE rolname IN ('{server.Owner}', '{server.App}', '{server.Probe}')"));
    }
}
