using Provisioning.Bicep.Resources.Monitoring;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>The storage share at which the action group hears about the PostgreSQL disk.</summary>
    public const int DatabaseStorageAlertPercent = 80;

    /// <summary>
    /// Autogrow is off (a disk Azure grew makes the next deployment's smaller storageSizeGB fail: a PUT cannot shrink
    /// it), so a filling disk must reach a person instead: at 80 % there is head room before the server turns
    /// read-only at 95 %. Maximum over 15 minutes never averages a crossing away; storage moves slowly, so every
    /// 5 minutes is often enough. Metric: storage_percent of Microsoft.DBforPostgreSQL/flexibleServers
    /// (Microsoft Learn, "Supported metrics for Microsoft.DBforPostgreSQL/flexibleServers").
    /// </summary>
    private static void AddDatabaseStorageAlert(Foundation f, MonitoringParts monitoring, DataParts data) =>
        f.Template.Add(new MetricAlert("postgresStorageAlert")
        {
            Name = $"alert-{f.Config.NamePrefix}-{f.Env}-postgres-storage",
            Location = "global",
            Tags = f.TagsFor(),
            Description = $"PostgreSQL storage at or above {DatabaseStorageAlertPercent} % of its provisioned size; raise database.storageSizeGB in env/{f.Env}.json and deploy (the server turns read-only at 95 %).",
            Severity = 2,
            Scopes = [data.Postgres.Id],
            EvaluationFrequency = "PT5M",
            WindowSize = "PT15M",
            Criteria = [new MetricCriterion("storage-percent", "storage_percent", "Microsoft.DBforPostgreSQL/flexibleServers", "GreaterThanOrEqual", DatabaseStorageAlertPercent, "Maximum")],
            ActionGroupIds = [monitoring.ActionGroup.Id],
        });
}
