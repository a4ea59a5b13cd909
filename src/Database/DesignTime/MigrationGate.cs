using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Provisioning.Database.Configuration;
using Provisioning.Database.Verification;

namespace Provisioning.Database.DesignTime;

/// <summary>The outcome of <see cref="MigrationGate.Open"/>: either a reachable database or a line to print and an exit code.</summary>
public sealed record GateResult(DatabaseUrl? Url, int ExitCode, string Message)
{
    public bool Passed => Url is not null;
}

/// <summary>
/// Everything the migration bundle must guarantee before EF Core touches the database, done where the bundle is
/// guaranteed to call us (the design-time factory): DATABASE_URL parsed (one line, exit 2 when missing or malformed),
/// the server reached with bounded backoff (one line, exit 1 when it never answers), authentication checked
/// (one line, exit 1, no retry: a wrong password does not heal by waiting). EF Core's own error output for these
/// cases is a multi-line stack trace that also names the server, so we answer first.
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
                using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Open();
                return new GateResult(url, 0, $"connected to {url.Redacted}");
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
                    return new GateResult(null, ExitFailed, $"cannot migrate: {reason}{tried}");
                }
                log(string.Create(CultureInfo.InvariantCulture, $"attempt {attempt} failed: {reason}; retrying in {delay.TotalSeconds:0} s"));
                Thread.Sleep(delay);
            }
        }
    }
}
