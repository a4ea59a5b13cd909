using Provisioning.Bicep.Resources.Authorization;
using Provisioning.Bicep.Resources.Monitoring;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>The probe's checks (CONTRACT.md, "What verified means"); each gets its own alert rule.</summary>
    public static IReadOnlyList<string> ProbeChecks { get; } =
    [
        "frontend.reachable", "frontend.config", "backend.health", "backend.auth.rejects",
        "backend.auth.accepts", "mcp.handshake", "mcp.backend", "database.schema",
    ];

    /// <summary>The probe's cloud role name in Application Insights (functions/HealthProbe/AvailabilityReporter.cs).</summary>
    public const string ProbeRoleName = "todo-probe";

    /// <summary>
    /// Fires once a check failed three runs in a row and stays fired until it passed two runs in a row (the rule
    /// auto-resolves when the query returns nothing). Skipped results are left out: their root cause has an alert
    /// of its own, so one outage raises one alert.
    /// </summary>
    public static string CheckAlertQuery(string check) => $"""
        availabilityResults
        | where cloud_RoleName == '{ProbeRoleName}' and name == '{check}'
        | where tostring(customDimensions.outcome) != 'skipped'
        | project timestamp, ok = tostring(success) in ('1', 'True', 'true')
        | order by timestamp asc
        | extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))
        | extend passedTwo = ok and prev(ok, 1)
        | summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)
        | where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)
        """;

    /// <summary>Any accepted forged, expired or unsigned token is a security incident, alerted on the first run.</summary>
    public const string SecurityAlertQuery = $"""
        availabilityResults
        | where cloud_RoleName == '{ProbeRoleName}' and tostring(customDimensions.outcome) == 'security-fail'
        """;

    /// <summary>No result at all for five minutes means the probe itself is down, which no check alert can notice.</summary>
    public const string SilenceAlertQuery = $"""
        availabilityResults
        | where cloud_RoleName == '{ProbeRoleName}'
        | summarize runs = count()
        """;

    private static void AddAlerts(TodoTemplateContext c)
    {
        var index = 0;
        foreach (var check in ProbeChecks)
        {
            c.Template.Add(AlertRule(c, $"alertCheck{index++}", check.Replace('.', '-'), severity: 1, window: "PT30M", query: CheckAlertQuery(check),
                display: $"probe check {check} failing",
                description: $"The health probe's check {check} failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md."));
        }
        c.Template.Add(AlertRule(c, "alertSecurity", "auth-security", severity: 0, window: "PT5M", query: SecurityAlertQuery,
            display: "backend accepted a token it must reject",
            description: "The backend answered 200 to a forged, expired, wrong-audience or alg:none token. Treat as a security incident."));
        c.Template.Add(AlertRule(c, "alertProbeSilent", "probe-silent", severity: 1, window: "PT5M", query: SilenceAlertQuery,
            display: "health probe reported nothing for 5 minutes",
            description: "No availability result arrived for 5 minutes: the probe Function is down, so no check alert can fire.") with
        {
            // The query always returns one row; the rule fires when its run count drops below one.
            TimeAggregation = "Total",
            MetricMeasureColumn = "runs",
            Operator = "LessThan",
            Threshold = 1,
        });
    }

    /// <summary>A log alert on the probe's availability results, evaluated every minute like the probe runs, sent to the action group.</summary>
    private static ScheduledQueryRule AlertRule(
        TodoTemplateContext c, string symbol, string nameSuffix, int severity, string window, string query, string display, string description) =>
        new(symbol)
        {
            Name = $"alert-{c.Config.NamePrefix}-{c.Env}-{nameSuffix}",
            Location = c.Location.Reference,
            Tags = Tags(c),
            DisplayName = $"{c.Env}: {display}",
            Description = description,
            Severity = severity,
            Scopes = [c.AppInsights.Id],
            EvaluationFrequency = "PT1M",
            WindowSize = window,
            Query = query,
            TimeAggregation = "Count",
            Operator = "GreaterThan",
            Threshold = 0,
            AutoMitigate = true,
            ActionGroupIds = [c.ActionGroup.Id],
        };

    private static void AddLocks(TodoTemplateContext c)
    {
        if (!c.Config.Locks)
        {
            return;
        }
        c.Template.Add(new ManagementLock("keyVaultLock")
        {
            Scope = c.KeyVault,
            Name = "do-not-delete",
            Notes = "Deleting the vault takes every secret of the environment with it.",
        });
        c.Template.Add(new ManagementLock("postgresLock")
        {
            Scope = c.Postgres,
            Name = "do-not-delete",
            Notes = "Deleting the server deletes the Todo data; restore needs a point-in-time restore.",
        });
    }
}
