using Npgsql;
using static Provisioning.Database.Tests.Sql;
using Provisioning.Database.Verification;

namespace Provisioning.Database.Tests.Roles;

/// <summary>
/// Issue 11, acceptance 1, against real PostgreSQL with a non-superuser administrator: the backend's role reads and
/// writes but cannot change the schema; the probe's role runs the schema check but cannot read a task; a re-run after
/// a password change converges.
/// </summary>
[TestClass]
public sealed class LeastPrivilegeTests
{
    [TestMethod]
    public async Task App_role_reads_and_writes_every_table_but_DROP_ALTER_and_CREATE_TABLE_fail()
    {
        await using var server = await RoleTestServer.CreateAsync("leastapp");
        var run = await server.RunJobAsync();
        Assert.AreEqual(0, run.ExitCode, run.ToString());
        RoleTestServer.AssertNoSecret(run, server.Secrets);

        await using var app = new NpgsqlConnection(server.AppConnectionString);
        await app.OpenAsync();
        var id = await ScalarAsync(app, "INSERT INTO tasks (user_id, title) VALUES ('u1', 'write') RETURNING id");
        await ExecuteAsync(app, $"UPDATE tasks SET completed = true WHERE id = {id}");
        Assert.AreEqual(true, await ScalarAsync(app, $"SELECT completed FROM tasks WHERE id = {id}"));
        var conversation = await ScalarAsync(app, "INSERT INTO conversations (user_id) VALUES ('u1') RETURNING id");
        await ExecuteAsync(app, $"INSERT INTO messages (user_id, conversation_id, role, content) VALUES ('u1', {conversation}, 'user', 'hi')");
        await ExecuteAsync(app, $"DELETE FROM conversations WHERE id = {conversation}");
        await ExecuteAsync(app, $"DELETE FROM tasks WHERE id = {id}");

        await AssertDeniedAsync(app, "DROP TABLE tasks");
        await AssertDeniedAsync(app, "ALTER TABLE tasks ADD COLUMN extra integer");
        await AssertDeniedAsync(app, "CREATE TABLE extra (id integer)");
        await AssertDeniedAsync(app, "TRUNCATE tasks");
        await AssertDeniedAsync(app, """DELETE FROM "__EFMigrationsHistory" """);
        await AssertDeniedAsync(app, "CREATE INDEX ix_extra ON tasks (title)");
    }

    [TestMethod]
    public async Task Probe_role_runs_the_schema_check_but_cannot_read_a_task()
    {
        await using var server = await RoleTestServer.CreateAsync("leastprobe");
        Assert.AreEqual(0, (await server.RunJobAsync()).ExitCode);
        await Sql.ExecuteAsync(server.SuperuserConnectionString, "INSERT INTO tasks (user_id, title) VALUES ('someone', 'private')");

        var report = await SchemaVerifier.VerifyAsync(server.ProbeUrl, CancellationToken.None);

        Assert.IsTrue(report.IsCurrent, string.Join('\n', report.Problems));
        Assert.IsTrue(report.Tables.All(t => t.IsComplete), "the probe's role must see every column of every table");
        await using var probe = new NpgsqlConnection(server.ConnectionString(server.Probe, server.ProbePassword));
        await probe.OpenAsync();
        await AssertDeniedAsync(probe, "SELECT title FROM tasks");
        await AssertDeniedAsync(probe, "SELECT count(*) FROM messages");
        await AssertDeniedAsync(probe, "INSERT INTO tasks (user_id, title) VALUES ('x', 'y')");
        await AssertDeniedAsync(probe, """INSERT INTO "__EFMigrationsHistory" VALUES ('x', 'y')""");
        await AssertDeniedAsync(probe, "CREATE TABLE extra (id integer)");
    }

    [TestMethod]
    public async Task Probe_role_sees_a_pending_migration_and_the_missing_tables()
    {
        await using var server = await RoleTestServer.CreateAsync("leastold");
        Assert.AreEqual(0, (await server.RunJobAsync([CompiledMigrations.First])).ExitCode);

        var report = await SchemaVerifier.VerifyAsync(server.ProbeUrl, CancellationToken.None);

        Assert.IsTrue(report.Reachable, string.Join('\n', report.Problems));
        Assert.IsFalse(report.IsCurrent);
        CollectionAssert.AreEqual(CompiledMigrations.All.Skip(1).ToList(), report.PendingMigrations.ToList());
        CollectionAssert.AreEquivalent(new[] { "conversations", "messages" }, report.Tables.Where(t => !t.Exists).Select(t => t.Table).ToList());
        Assert.IsTrue(report.Tables.Single(t => t.Table == "tasks").IsComplete);
    }

    [TestMethod]
    public async Task Rerun_after_every_password_changed_converges_new_passwords_work_old_ones_do_not()
    {
        await using var server = await RoleTestServer.CreateAsync("rotate");
        Assert.AreEqual(0, (await server.RunJobAsync()).ExitCode);
        var old = server.RotatePasswords();

        var rerun = await server.RunJobAsync();

        Assert.AreEqual(0, rerun.ExitCode, rerun.ToString());
        RoleTestServer.AssertNoSecret(rerun, server.Secrets);
        foreach (var (role, newPassword, oldPassword) in new[]
        {
            (server.Owner, server.OwnerPassword, old.Owner), (server.App, server.AppPassword, old.App), (server.Probe, server.ProbePassword, old.Probe),
        })
        {
            await using (var works = new NpgsqlConnection(server.ConnectionString(role, newPassword)))
            {
                await works.OpenAsync();
            }
            var refused = await Assert.ThrowsExactlyAsync<PostgresException>(async () =>
            {
                await using var stale = new NpgsqlConnection(server.ConnectionString(role, oldPassword));
                await stale.OpenAsync();
            });
            Assert.AreEqual("28P01", refused.SqlState, role);
        }
        Assert.IsTrue((await SchemaVerifier.VerifyAsync(server.ProbeUrl, CancellationToken.None)).IsCurrent);
        Assert.AreEqual("SCRAM-SHA-256", (await Sql.RowsAsync(server.SuperuserConnectionString,
            $"SELECT DISTINCT split_part(rolpassword, '$', 1) FROM pg_authid WHERE rolname IN ('{server.Owner}', '{server.App}', '{server.Probe}')")).Single());
    }

    [TestMethod]
    public async Task A_database_migrated_by_the_administrator_is_handed_to_the_owner_and_keeps_its_rows()
    {
        await using var server = await RoleTestServer.CreateAsync("handover");
        // Wave 1: the administrator migrated with no roles at all.
        var waveOne = await MigrationBundle.RunAsync(server.Url(server.Admin, server.AdminPassword));
        Assert.AreEqual(0, waveOne.ExitCode, waveOne.ToString());
        await Sql.ExecuteAsync(server.ConnectionString(server.Admin, server.AdminPassword), "INSERT INTO tasks (user_id, title) VALUES ('u', 'from wave 1')");

        var run = await server.RunJobAsync();

        Assert.AreEqual(0, run.ExitCode, run.ToString());
        StringAssert.Contains(run.StandardOutput, $"4 object(s) in schema public handed to {server.Owner}");
        CollectionAssert.AreEqual(new[] { server.Owner }, await Sql.RowsAsync(server.SuperuserConnectionString,
            "SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class WHERE relnamespace = 'public'::regnamespace"));
        CollectionAssert.AreEqual(new[] { "from wave 1" }, await Sql.RowsAsync(server.AppConnectionString, "SELECT title FROM tasks"));

        var again = await server.RunJobAsync();
        Assert.AreEqual(0, again.ExitCode, again.ToString());
        StringAssert.Contains(again.StandardOutput, "roles: created none;");
        StringAssert.Contains(again.StandardOutput, $"0 object(s) in schema public handed to {server.Owner}");
    }

    [TestMethod]
    public async Task Grants_converge_when_someone_granted_more_by_hand()
    {
        await using var server = await RoleTestServer.CreateAsync("converge");
        Assert.AreEqual(0, (await server.RunJobAsync()).ExitCode);
        await Sql.ExecuteAsync(server.ConnectionString(server.Owner, server.OwnerPassword),
            $"GRANT SELECT ON tasks TO {server.Probe}; GRANT ALL ON \"__EFMigrationsHistory\" TO {server.App}; REVOKE DELETE ON tasks FROM {server.App}");

        Assert.AreEqual(0, (await server.RunJobAsync()).ExitCode);

        CollectionAssert.AreEqual(
            new[] { $"__EFMigrationsHistory | {server.Probe} | SELECT" }
                .Concat(new[] { "conversations", "messages", "tasks" }.SelectMany(t => new[] { "DELETE", "INSERT", "SELECT", "UPDATE" }.Select(p => $"{t} | {server.App} | {p}")))
                .Order(StringComparer.Ordinal).ToList(),
            await Sql.SortedRowsAsync(server.SuperuserConnectionString, $"""
                SELECT table_name, grantee, privilege_type FROM information_schema.role_table_grants
                WHERE grantee IN ('{server.App}', '{server.Probe}')
                """));
    }



}
