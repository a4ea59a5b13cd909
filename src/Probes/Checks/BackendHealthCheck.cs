using System.Text.Json;

namespace Provisioning.Probes.Checks;

/// <summary><c>backend.health</c>: <c>/health</c> is 200 <c>{"status":"ok","database":"ok"}</c>.</summary>
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
        return CheckVerdict.Pass("backend and its database are ok");
    }
}
