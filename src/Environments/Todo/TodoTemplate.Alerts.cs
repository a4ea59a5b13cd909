using Provisioning.Bicep.Model;
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
        | project timestamp, ok = success == true or success == 1
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
        var scopes = new[] { (BicepValue<string>)c.AppInsights.Id };
        var actions = new[] { (BicepValue<string>)c.ActionGroup.Id };
        var index = 0;
        foreach (var check in ProbeChecks)
        {
            c.Template.Add(new ScheduledQueryRule($"alertCheck{index++}")
            {
                Name = $"alert-{c.Config.NamePrefix}-{c.Env}-{check.Replace('.', '-')}",
                Location = c.Location.Reference,
                Tags = Tags(c),
                DisplayName = $"{c.Env}: probe check {check} failing",
                Description = $"The health probe's check {check} failed 3 runs in a row; resolves after 2 passing runs. See docs/probes.md.",
                Severity = 1,
                Scopes = [.. scopes],
                EvaluationFrequency = "PT1M",
                WindowSize = "PT30M",
                Query = CheckAlertQuery(check),
                TimeAggregation = "Count",
                Operator = "GreaterThan",
                Threshold = 0,
                AutoMitigate = true,
                ActionGroupIds = [.. actions],
            });
        }
        c.Template.Add(new ScheduledQueryRule("alertSecurity")
        {
            Name = $"alert-{c.Config.NamePrefix}-{c.Env}-auth-security",
            Location = c.Location.Reference,
            Tags = Tags(c),
            DisplayName = $"{c.Env}: backend accepted a token it must reject",
            Description = "The backend answered 200 to a forged, expired, wrong-audience or alg:none token. Treat as a security incident.",
            Severity = 0,
            Scopes = [.. scopes],
            EvaluationFrequency = "PT1M",
            WindowSize = "PT5M",
            Query = SecurityAlertQuery,
            TimeAggregation = "Count",
            Operator = "GreaterThan",
            Threshold = 0,
            AutoMitigate = true,
            ActionGroupIds = [.. actions],
        });
        c.Template.Add(new ScheduledQueryRule("alertProbeSilent")
        {
            Name = $"alert-{c.Config.NamePrefix}-{c.Env}-probe-silent",
            Location = c.Location.Reference,
            Tags = Tags(c),
            DisplayName = $"{c.Env}: health probe reported nothing for 5 minutes",
            Description = "No availability result arrived for 5 minutes: the probe Function is down, so no check alert can fire.",
            Severity = 1,
            Scopes = [.. scopes],
            EvaluationFrequency = "PT1M",
            WindowSize = "PT5M",
            Query = SilenceAlertQuery,
            TimeAggregation = "Total",
            MetricMeasureColumn = "runs",
            Operator = "LessThan",
            Threshold = 1,
            AutoMitigate = true,
            ActionGroupIds = [.. actions],
        });
    }

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
