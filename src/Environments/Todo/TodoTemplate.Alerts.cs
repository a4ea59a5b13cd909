using Provisioning.Bicep.Resources.Authorization;
using Provisioning.Bicep.Resources.Monitoring;
using Provisioning.Environments.Configuration;
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

    /// <summary>
    /// <see cref="CheckAlertQuery"/> for every check in one rule (<c>alerts.checkRules: combined</c>): the same three
    /// failed and two passing runs, counted per check by partitioning on the check's name; one row per failing check.
    /// </summary>
    public static string CombinedCheckAlertQuery(string roleName, IEnumerable<string> checks) => $"""
        availabilityResults
        | where cloud_RoleName == '{roleName}' and name in ({string.Join(", ", checks.Select(c => $"'{c}'"))})
        | where tostring(customDimensions.outcome) != 'skipped'
        | project timestamp, name, ok = tostring(success) in ('1', 'True', 'true')
        | partition hint.strategy=native by name
            (
            order by timestamp asc
            | extend failedThree = not(ok) and not(prev(ok, 1)) and not(prev(ok, 2))
            | extend passedTwo = ok and prev(ok, 1)
            | summarize lastFailedThree = maxif(timestamp, failedThree), lastPassedTwo = maxif(timestamp, passedTwo) by name
            )
        | where isnotnull(lastFailedThree) and (isnull(lastPassedTwo) or lastFailedThree > lastPassedTwo)
        """;

    /// <summary>A security failure of any check whose policy joins the security alert is an incident, alerted on the first run.</summary>
    public static string SecurityAlertQuery(string roleName, IEnumerable<string> checks) => $"""
        availabilityResults
        | where cloud_RoleName == '{roleName}' and name in ({string.Join(", ", checks.Select(c => $"'{c}'"))}) and tostring(customDimensions.outcome) == 'security-fail'
        """;

    /// <summary>No result at all for the rule's window (<see cref="AlertWindows.Silent"/>) means the probe itself is down, which no check alert can notice.</summary>
    public static string SilenceAlertQuery(string roleName) => $"""
        availabilityResults
        | where cloud_RoleName == '{roleName}'
        | summarize runs = count()
        """;

    private static void AddAlerts(Foundation f, MonitoringParts monitoring)
    {
        var role = f.System.ProbeRoleName;
        // Every window follows the evaluation frequency and the probe's interval (AlertWindows), so a slower probe or
        // a slower evaluation can neither blind a rule nor make "probe silent" fire between two healthy runs.
        var windows = AlertWindows.For(f.Config);
        ScheduledQueryRule Rule(string symbol, string nameSuffix, int severity, TimeSpan window, string query, string display, string description) =>
            AlertRule(f, monitoring, symbol, nameSuffix, severity, AlertWindows.Iso(windows.Frequency), AlertWindows.Iso(window), query, display, description);

        if (f.Config.Alerts.CheckRules == CheckAlertRules.Combined)
        {
            var names = f.System.Checks.Select(c => c.Name).ToList();
            f.Template.Add(Rule("alertChecks", "probe-checks", severity: 1, windows.Check, CombinedCheckAlertQuery(role, names),
                display: "probe checks failing",
                description: $"One or more of the health probe's checks ({string.Join(", ", names)}) failed 3 runs in a row; the alert's results name them. " +
                    "Resolves once each passed 2 runs. One rule for every check (alerts.checkRules: combined). See docs/probes.md."));
        }
        else
        {
            foreach (var check in f.System.Checks)
            {
                f.Template.Add(Rule(CheckAlertSymbol(check.Name), check.Name.Replace('.', '-'), severity: 1, windows.Check, CheckAlertQuery(role, check.Name),
                    display: $"probe check {check.Name} failing",
                    description: $"The health probe's check {check.Name} failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md."));
            }
        }
        var security = f.System.Checks.Where(c => c.JoinsSecurityAlert).Select(c => c.Name).ToList();
        if (security.Count > 0)
        {
            f.Template.Add(Rule("alertSecurity", "auth-security", severity: 0, windows.Security, SecurityAlertQuery(role, security),
                display: "backend accepted a request it must reject",
                description: $"A security check ({string.Join(", ", security)}) reported a security failure: the backend accepted a request docs/contract.md says it must refuse. Treat as a security incident."));
        }
        var silent = AlertWindows.Words(windows.Silent);
        f.Template.Add(Rule("alertProbeSilent", "probe-silent", severity: 1, windows.Silent, SilenceAlertQuery(role),
            display: $"health probe reported nothing for {silent}",
            description: $"No availability result arrived for {silent}: the probe Function is down, so no check alert can fire.") with
        {
            // The query always returns one row; the rule fires when its run count drops below one.
            TimeAggregation = "Total",
            MetricMeasureColumn = "runs",
            Operator = "LessThan",
            Threshold = 1,
        });
    }

    /// <summary>A log alert on the probe's availability results, evaluated every <paramref name="frequency"/> over <paramref name="window"/>, sent to the action group.</summary>
    private static ScheduledQueryRule AlertRule(
        Foundation f, MonitoringParts monitoring, string symbol, string nameSuffix, int severity, string frequency, string window, string query, string display, string description) =>
        new(symbol)
        {
            Name = $"alert-{f.Config.NamePrefix}-{f.Env}-{nameSuffix}",
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
            DisplayName = $"{f.Env}: {display}",
            Description = description,
            Severity = severity,
            Scopes = [monitoring.AppInsights.Id],
            EvaluationFrequency = frequency,
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
            Name = DeploymentLocks.Name,
            Notes = "Deleting the vault takes every secret of the environment with it.",
        });
        f.Template.Add(new ManagementLock("postgresLock")
        {
            Scope = data.Postgres,
            Name = DeploymentLocks.Name,
            Notes = "Deleting the server deletes the Todo data; restore needs a point-in-time restore.",
        });
    }

    /// <summary>
    /// The alert rule's symbolic name, from the check's name (<c>backend.auth-rejects</c> → <c>alertBackendAuthRejects</c>):
    /// a check added or removed renames no other rule, so plan shows exactly the one rule that comes or goes.
    /// </summary>
    internal static string CheckAlertSymbol(string checkName) =>
        "alert" + string.Concat(checkName.Split(['.', '-', '_'], StringSplitOptions.RemoveEmptyEntries)
            .Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}
