using Provisioning.Bicep.Resources.Authorization;
using Provisioning.Bicep.Resources.Monitoring;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>
    /// Fires once a check failed three runs in a row and stays fired until it passed two runs in a row (the rule
    /// auto-resolves when the query returns nothing). Skipped results are left out: their root cause has an alert
    /// of its own, so one outage raises one alert.
    /// </summary>
    public static string CheckAlertQuery(string roleName, string check) => $"""
        availabilityResults
        | where cloud_RoleName == '{roleName}' and name == '{check}'
        | where tostring(customDimensions.outcome) != 'skipped'
        | project timestamp, ok = tostring(success) in ('1', 'True', 'true')
        | order by timestamp asc
        | extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))
        | extend passedTwo = ok and prev(ok, 1)
        | summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo)
        | where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)
        """;

    /// <summary>A security failure of any check whose policy joins the security alert is an incident, alerted on the first run.</summary>
    public static string SecurityAlertQuery(string roleName, IEnumerable<string> checks) => $"""
        availabilityResults
        | where cloud_RoleName == '{roleName}' and name in ({string.Join(", ", checks.Select(c => $"'{c}'"))}) and tostring(customDimensions.outcome) == 'security-fail'
        """;

    /// <summary>No result at all for five minutes means the probe itself is down, which no check alert can notice.</summary>
    public static string SilenceAlertQuery(string roleName) => $"""
        availabilityResults
        | where cloud_RoleName == '{roleName}'
        | summarize runs = count()
        """;

    private static void AddAlerts(Foundation f, MonitoringParts monitoring)
    {
        var role = f.System.ProbeRoleName;
        var index = 0;
        foreach (var check in f.System.Checks)
        {
            f.Template.Add(AlertRule(f, monitoring, $"alertCheck{index++}", check.Name.Replace('.', '-'), severity: 1, window: "PT30M", query: CheckAlertQuery(role, check.Name),
                display: $"probe check {check.Name} failing",
                description: $"The health probe's check {check.Name} failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md."));
        }
        var security = f.System.Checks.Where(c => c.JoinsSecurityAlert).Select(c => c.Name).ToList();
        if (security.Count > 0)
        {
            f.Template.Add(AlertRule(f, monitoring, "alertSecurity", "auth-security", severity: 0, window: "PT5M", query: SecurityAlertQuery(role, security),
                display: "backend accepted a request it must reject",
                description: $"A security check ({string.Join(", ", security)}) reported a security failure: the backend accepted a request docs/contract.md says it must refuse. Treat as a security incident."));
        }
        f.Template.Add(AlertRule(f, monitoring, "alertProbeSilent", "probe-silent", severity: 1, window: "PT5M", query: SilenceAlertQuery(role),
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
        Foundation f, MonitoringParts monitoring, string symbol, string nameSuffix, int severity, string window, string query, string display, string description) =>
        new(symbol)
        {
            Name = $"alert-{f.Config.NamePrefix}-{f.Env}-{nameSuffix}",
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
            DisplayName = $"{f.Env}: {display}",
            Description = description,
            Severity = severity,
            Scopes = [monitoring.AppInsights.Id],
            EvaluationFrequency = "PT1M",
            WindowSize = window,
            Query = query,
            TimeAggregation = "Count",
            Operator = "GreaterThan",
            Threshold = 0,
            AutoMitigate = true,
            ActionGroupIds = [monitoring.ActionGroup.Id],
        };

    private static void AddLocks(Foundation f, DataParts data)
    {
        if (!f.Config.Locks)
        {
            return;
        }
        f.Template.Add(new ManagementLock("keyVaultLock")
        {
            Scope = data.KeyVault,
            Name = "do-not-delete",
            Notes = "Deleting the vault takes every secret of the environment with it.",
        });
        f.Template.Add(new ManagementLock("postgresLock")
        {
            Scope = data.Postgres,
            Name = "do-not-delete",
            Notes = "Deleting the server deletes the Todo data; restore needs a point-in-time restore.",
        });
    }
}
