using System.Diagnostics;
using System.Text;
using Npgsql;
using Provisioning.Database.Verification;

namespace Provisioning.Database.Tests.Roles;

/// <summary>
/// Issue 11, "Migration faults": the bundle killed with SIGKILL in the middle of a migration leaves the database at
/// the previous version (PostgreSQL DDL is transactional) and the next run completes it.
/// <para>
/// "In the middle" without a hook in the product: the test opens a transaction that creates a table named
/// <c>messages</c> and keeps it open. AddChat creates <c>conversations</c> and then <c>messages</c>; the bundle's
/// CREATE TABLE messages waits on the test's uncommitted catalogue row, so the bundle is provably inside AddChat's
/// transaction, after its first DDL, when the test kills it.
/// </para>
/// </summary>
[TestClass]
public sealed class MigrationKillTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    // Three rounds per test run, each on a fresh database: the figure docs/reliability.md quotes.
    [TestMethod]
    [DoNotParallelize]
    [DataRow(1)]
    [DataRow(2)]
    [DataRow(3)]
    public async Task Bundle_killed_inside_a_migration_leaves_the_previous_version_and_the_next_run_completes_it(int round)
    {
        _ = round;
        await using var server = await RoleTestServer.CreateAsync("kill");
        Assert.AreEqual(0, (await server.RunJobAsync([CompiledMigrations.First])).ExitCode, "setting up the previous version");
        await Sql.ExecuteAsync(server.AppConnectionString, "INSERT INTO tasks (user_id, title) VALUES ('u', 'before the kill')");

        int killedBackend;
        await using (var blocker = new NpgsqlConnection(server.SuperuserConnectionString))
        {
            await blocker.OpenAsync();
            await using var transaction = await blocker.BeginTransactionAsync();
            await using (var create = new NpgsqlCommand("CREATE TABLE messages (blocker integer)", blocker, transaction))
            {
                await create.ExecuteNonQueryAsync();
            }

            var output = new StringBuilder();
            using var bundle = Process.Start(MigrationBundle.StartInfo(server.OwnerUrl, server.JobEnvironment()))!;
            try
            {
                bundle.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
                bundle.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
                bundle.BeginOutputReadLine();
                bundle.BeginErrorReadLine();

                killedBackend = await WaitForAsync(server, """
                    SELECT pid FROM pg_stat_activity
                    WHERE datname = current_database() AND usename = @owner AND wait_event_type = 'Lock'
                      AND query LIKE 'CREATE TABLE messages%'
                    """, () => $"the bundle never blocked on CREATE TABLE messages:\n{output}");
                // The same transaction already created conversations: it holds locks beyond the one it waits for.
                Assert.IsTrue(await CountAsync(server, "SELECT count(*) FROM pg_locks WHERE pid = @pid AND mode = 'AccessExclusiveLock' AND granted", killedBackend) > 1);

                bundle.Kill(entireProcessTree: true);
                using var exited = new CancellationTokenSource(Bound);
                await bundle.WaitForExitAsync(exited.Token);
            }
            finally
            {
                if (!bundle.HasExited)
                {
                    bundle.Kill(entireProcessTree: true);
                }
            }
            Assert.AreNotEqual(0, bundle.ExitCode);
            lock (output)
            {
                StringAssert.Contains(output.ToString(), $"Applying migration '{CompiledMigrations.All[1]}'");
            }
            await transaction.RollbackAsync();
        }
        // The server notices the dead client once the lock is gone; its transaction can only roll back.
        await WaitForAsync(server, "SELECT 1 WHERE NOT EXISTS (SELECT FROM pg_stat_activity WHERE pid = @pid)", () => "the killed run's session never ended", killedBackend);

        CollectionAssert.AreEqual(new[] { CompiledMigrations.First }, await Sql.RowsAsync(server.SuperuserConnectionString, Sql.HistoryRows));
        CollectionAssert.AreEqual(new[] { "tasks" }, await Sql.RowsAsync(server.SuperuserConnectionString,
            "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> '__EFMigrationsHistory'"));
        var between = await SchemaVerifier.VerifyAsync(server.ProbeUrl, CancellationToken.None);
        CollectionAssert.AreEqual(CompiledMigrations.All.Skip(1).ToList(), between.PendingMigrations.ToList());

        var next = await server.RunJobAsync();

        Assert.AreEqual(0, next.ExitCode, next.ToString());
        CollectionAssert.AreEqual(CompiledMigrations.All.ToList(), await Sql.RowsAsync(server.SuperuserConnectionString, Sql.HistoryRows));
        Assert.IsTrue((await SchemaVerifier.VerifyAsync(server.ProbeUrl, CancellationToken.None)).IsCurrent);
        CollectionAssert.AreEqual(new[] { "before the kill" }, await Sql.RowsAsync(server.AppConnectionString, "SELECT title FROM tasks"));
        await Sql.ExecuteAsync(server.AppConnectionString, "INSERT INTO conversations (user_id) VALUES ('u')");
    }

    /// <summary>Polls until <paramref name="sql"/> returns a row (its first column, as int); fails after <see cref="Bound"/>.</summary>
    private static async Task<int> WaitForAsync(RoleTestServer server, string sql, Func<string> failure, int pid = 0)
    {
        using var deadline = new CancellationTokenSource(Bound);
        await using var connection = new NpgsqlConnection(server.SuperuserConnectionString);
        await connection.OpenAsync();
        while (!deadline.IsCancellationRequested)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("owner", server.Owner);
            command.Parameters.AddWithValue("pid", pid);
            if (await command.ExecuteScalarAsync() is int found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        Assert.Fail(failure());
        return 0;
    }

    private static async Task<long> CountAsync(RoleTestServer server, string sql, int pid)
    {
        await using var connection = new NpgsqlConnection(server.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("pid", pid);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
