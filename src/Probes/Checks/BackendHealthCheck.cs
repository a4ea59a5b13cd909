using System.Text.Json;

namespace Provisioning.Probes.Checks;

/// <summary>
/// <c>backend.health</c>: <c>/health</c> is 200 <c>{"status":"ok","database":"ok"}</c>. What it says of the database is the
/// backend's claim, reported as such and set against what the probe itself observes of the database in the same run
/// (<c>database.schema</c>): when the two disagree, the reason says so instead of repeating the claim as a finding.
/// </summary>
public sealed class BackendHealthCheck : IProbeCheck
{
    public string Name => CheckNames.BackendHealth;
    public IReadOnlyList<string> DependsOn => [];

    public async Task<CheckVerdict> RunAsync(ProbeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var url = Urls.Combine(context.Settings.BackendUrl, "health");
        var answer = await HttpAnswer.GetAsync(context.Http, url, null, cancellationToken).ConfigureAwait(false);
        var json = answer.Json();
        var database = json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("database", out var d) && d.ValueKind == JsonValueKind.String
            ? d.GetString() : null;
        if (answer.Code == 503 && database == "error")
        {
            return CheckVerdict.Fail(FailureKind.Status,
                $"status: GET {url} answered 503 with database 'error': the backend cannot reach PostgreSQL (check its DATABASE_URL secret and the server's firewall)");
        }
        if (answer.Code != 200)
        {
            return CheckVerdict.Fail(FailureKind.Status, $"status: GET {url} answered {answer.StatusText()}, expected 200");
        }
        var status = json is { ValueKind: JsonValueKind.Object } j && j.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString() : null;
        if (status != "ok" || database != "ok")
        {
            return CheckVerdict.Fail(FailureKind.Body, $"wrong body: GET {url} expected {{\"status\":\"ok\",\"database\":\"ok\"}}, got {answer.Excerpt()}");
        }
        return CheckVerdict.Pass($"the backend says it and its database are ok (its own claim; {CheckNames.DatabaseSchema} is the probe's own look at the database)");
    }

    public CheckResult Reconcile(CheckResult own, IReadOnlyDictionary<string, CheckResult> others)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(others);
        if (!others.TryGetValue(CheckNames.DatabaseSchema, out var database) || database.Outcome is CheckOutcome.NotRun or CheckOutcome.Skipped)
        {
            return own;
        }
        // Schema problems and slowness are answers: only a failed connection means the probe could not reach it.
        var probeReaches = database.Outcome == CheckOutcome.Pass || database.Kind is FailureKind.Schema or FailureKind.Slow;
        var probeCannotReach = database.Outcome == CheckOutcome.Fail
            && database.Kind is FailureKind.Refused or FailureKind.Dns or FailureKind.Tls or FailureKind.Timeout or FailureKind.Protocol;
        if (own.Outcome == CheckOutcome.Pass && probeCannotReach)
        {
            return own with
            {
                Reason = Running.Text.OneLine(
                    $"contradiction: the backend claims its database is ok, but the probe itself cannot reach it ({CheckNames.DatabaseSchema}: {database.Kind}); " +
                    $"either the probe's own path to PostgreSQL is broken (its {SettingNames.DatabaseUrl}, the firewall, private DNS) or the backend's /health " +
                    "does not really query the database"),
            };
        }
        if (own.Outcome == CheckOutcome.Fail && own.Reason.Contains("database 'error'", StringComparison.Ordinal) && probeReaches)
        {
            return own with
            {
                Reason = Running.Text.OneLine(own.Reason + $"; the probe itself reaches the database ({CheckNames.DatabaseSchema}), so the fault is on the backend's side"),
            };
        }
        return own;
    }
}
