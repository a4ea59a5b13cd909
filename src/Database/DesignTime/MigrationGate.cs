using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Provisioning.Database.Configuration;
using Provisioning.Database.Verification;

namespace Provisioning.Database.DesignTime;

/// <summary>The outcome of <see cref="MigrationGate.Open"/>: either a reachable database or a line to print and an exit code.</summary>
/// <param name="Lock">The connection holding the migration lock; the lock ends when it is disposed or the process exits.</param>
public sealed record GateResult(DatabaseUrl? Url, int ExitCode, string Message, NpgsqlConnection? Lock = null)
{
    public bool Passed => Url is not null;
}

/// <summary>
/// Everything the migration bundle must guarantee before EF Core touches the database, done where the bundle is
/// guaranteed to call us (the design-time factory): DATABASE_URL parsed (one line, exit 2 when missing or malformed),
/// the server reached with bounded backoff (one line, exit 1 when it never answers), authentication checked
/// (one line, exit 1, no retry: a wrong password does not heal by waiting). EF Core's own error output for these
/// cases is a multi-line stack trace that also names the server, so we answer first.
/// <para>
/// It then takes a session-level advisory lock on a connection kept open for the rest of the process, so concurrent
/// runs apply migrations one after the other. EF Core 10's own migration lock (LOCK TABLE on the history table) was
/// not enough: with four bundles started at once on an empty database, one failed with
/// <c>42P07: relation "conversations" already exists</c> in about one round out of five, because the history table
/// it locks does not exist yet when the runs start.
/// </para>
/// </summary>
public static class MigrationGate
{
    public const int ExitInvalidInput = 2;
    public const int ExitFailed = 1;

    public static GateResult Open(string? databaseUrl, MigrationRunSettings settings, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        if (!DatabaseUrl.TryParse(databaseUrl, out var url, out var error))
        {
            return new GateResult(null, ExitInvalidInput, error);
        }
        return Open(url, settings, log);
    }

    /// <param name="failure">How a failure line starts: "cannot migrate", or "cannot set up roles" for the administrator's connection.</param>
    public static GateResult Open(DatabaseUrl url, MigrationRunSettings settings, Action<string> log, string failure = "cannot migrate")
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            var remaining = settings.ConnectBudget - clock.Elapsed;
            var builder = url.CreateBuilder();
            builder.Pooling = false;
            // Each attempt may use at most what is left of the budget, so the total stays bounded.
            builder.Timeout = (int)Math.Clamp(Math.Ceiling(remaining.TotalSeconds), 1, Math.Max(1, builder.Timeout));
            try
            {
                var connection = new NpgsqlConnection(builder.ConnectionString);
                try
                {
                    connection.Open();
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
                return TakeLock(connection, url, settings, log, failure);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException or IOException)
            {
                var kind = DatabaseFailure.Classify(e);
                var reason = DatabaseFailure.Describe(e, url);
                var delay = settings.DelayBefore(attempt);
                if (!DatabaseFailure.IsWorthRetrying(kind) || clock.Elapsed + delay >= settings.ConnectBudget)
                {
                    var tried = DatabaseFailure.IsWorthRetrying(kind)
                        ? string.Create(CultureInfo.InvariantCulture, $" (gave up after {attempt} attempt(s) in {clock.Elapsed.TotalSeconds:0} s; {MigrationRunSettings.ConnectBudgetVariable} sets the budget)")
                        : string.Empty;
                    return new GateResult(null, ExitFailed, $"{failure}: {reason}{tried}");
                }
                log(string.Create(CultureInfo.InvariantCulture, $"attempt {attempt} failed: {reason}; retrying in {delay.TotalSeconds:0} s"));
                Thread.Sleep(delay);
            }
        }
    }

    /// <summary>Any fixed number works; this one is "todo-mig" in ASCII, so it is recognisable in pg_locks.</summary>
    public const long AdvisoryLockKey = 0x746f646f2d6d6967;

    private static GateResult TakeLock(NpgsqlConnection connection, DatabaseUrl url, MigrationRunSettings settings, Action<string> log, string failure)
    {
        try
        {
            using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
            {
                tryLock.Parameters.AddWithValue("key", AdvisoryLockKey);
                if (tryLock.ExecuteScalar() is true)
                {
                    return new GateResult(url, 0, $"connected to {url.Redacted}", connection);
                }
            }
            log("another migration run holds the lock; waiting for it to finish");
            using var waitLock = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            waitLock.Parameters.AddWithValue("key", AdvisoryLockKey);
            waitLock.CommandTimeout = (int)settings.LockBudget.TotalSeconds;
            waitLock.ExecuteScalar();
            return new GateResult(url, 0, $"connected to {url.Redacted} (after waiting for the other run)", connection);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            connection.Dispose();
            return new GateResult(null, ExitFailed, string.Create(CultureInfo.InvariantCulture,
                $"{failure}: another migration run held the lock for more than {settings.LockBudget.TotalSeconds:0} s or the connection failed while waiting ({DatabaseFailure.Describe(e, url)}); check for a stuck job execution"));
        }
    }
}
