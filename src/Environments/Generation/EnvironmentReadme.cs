using System.Globalization;
using System.Text;
using Provisioning.Environments.Configuration;

namespace Provisioning.Environments.Generation;

/// <summary>The generated README of one environment: what it contains, how it is reached, how to deploy it.</summary>
internal static class EnvironmentReadme
{
    public static string Write(EnvironmentConfiguration c, IReadOnlyList<(string Parameter, string Variable)> secureParameters)
    {
        var s = new StringBuilder();
        void Line(string text = "") => s.Append(text).Append('\n');
        string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

        Line($"# Environment `{c.Name}`");
        Line();
        Line($"Generated from `env/{c.Name}.json` by `dotnet run --project src/Cli`. Do not edit: change the environment file and regenerate.");
        Line();
        Line("## Deploy");
        Line();
        Line("The first time, create the registry and push the images, since the apps cannot start without them:");
        Line();
        Line("```bash");
        Line($"az deployment group create -g <resource-group> -f generated/{c.Name}/bootstrap.bicep -p generated/{c.Name}/bootstrap.bicepparam");
        Line("az acr import / docker push ... <AZURE_CONTAINER_REGISTRY_ENDPOINT output>/<repository>:<tag>   # the images of env/" + c.Name + ".json");
        Line("```");
        Line();
        Line("Then, every time:");
        Line();
        Line("```bash");
        foreach (var (_, variable) in secureParameters)
        {
            Line($"export {variable}=...   # from your secret store; never commit it");
        }
        Line($"az deployment group create -g <resource-group> -f generated/{c.Name}/main.bicep -p generated/{c.Name}/main.bicepparam");
        Line("az containerapp job start -g <resource-group> -n <MIGRATION_JOB_NAME output>   # then wait for the execution (azd's postdeploy hook does this)");
        Line("```");
        Line();
        Line("## What it contains");
        Line();
        Line("| component | size | replicas |");
        Line("|---|---|---|");
        foreach (var (name, app) in new (string, AppSettings)[] { ("frontend", c.Frontend), ("backend", c.Backend), ("mcp (internal ingress)", c.Mcp) })
        {
            Line(F($"| {name} | {app.Cpu} vCPU / {app.Memory} | {app.MinReplicas}–{app.MaxReplicas} |"));
        }
        Line("| migrate (Container Apps Job, manual trigger, 10 min timeout, 1 retry) | 0.5 vCPU / 1Gi | one execution per deploy |");
        Line("| probe (Azure Functions on Container Apps) | 0.5 vCPU / 1Gi | 1 |");
        Line();
        var db = c.Database;
        Line(F($"PostgreSQL Flexible Server 16, `{db.SkuName}` ({db.Tier}), {db.StorageSizeGB} GB, backups kept {db.BackupRetentionDays} days") +
             (db.GeoRedundantBackup ? ", geo-redundant" : "") + (db.HighAvailability ? ", zone-redundant high availability" : "") + ". TLS is required.");
        Line();
        Line($"Key Vault in RBAC mode, soft delete {c.KeyVault.SoftDeleteRetentionDays.ToString(CultureInfo.InvariantCulture)} days" +
             (c.KeyVault.PurgeProtection ? ", purge protection on" : ", purge protection off") + ".");
        Line(c.Locks ? "Delete locks protect the Key Vault and the database server." : "No delete locks.");
        Line();
        Line("## Network");
        Line();
        if (c.IsPrivate)
        {
            Line($"Private: a VNet `{c.Network.AddressSpace}` hosts the Container Apps environment" +
                 (c.Network.ZoneRedundant ? " (zone-redundant)" : "") +
                 ", PostgreSQL (delegated subnet, private DNS zone) and private endpoints for Key Vault and storage. " +
                 "Public network access is disabled on PostgreSQL, Key Vault and storage.");
        }
        else
        {
            Line("Public endpoints: PostgreSQL's firewall admits Azure services (which include the Container Apps environment's outbound " +
                 "addresses, and also other tenants' Azure resources)" +
                 (c.Network.AllowedIpRanges.Count == 0 ? "" : " and the ranges " + string.Join(", ", c.Network.AllowedIpRanges.Select(r => $"{r.Name} ({r.Start}–{r.End})"))) +
                 ", over TLS, with a password. Key Vault keeps its public endpoint; every read is authorized by RBAC scoped to the single secret. " +
                 "mcp has internal ingress only.");
        }
        Line();
        Line("## Secrets");
        Line();
        Line("Secrets live only in Key Vault and reach containers as Key Vault references through each component's own identity:");
        Line();
        Line("| secret | read by |");
        Line("|---|---|");
        Line("| `jwt-secret-key` (JWT_SECRET_KEY) | frontend, backend, mcp, probe |");
        Line("| `database-url` (DATABASE_URL) | backend, migrate, probe |");
        if (c.Backend.OpenAiApiKey)
        {
            Line("| `openai-api-key` (OPENAI_API_KEY) | backend |");
        }
        Line();
        Line("A changed secret is read by the next revision: after rotating one, restart the apps that read it.");
        Line();
        Line("## Monitoring");
        Line();
        Line($"The probe runs on `{c.Probe.Schedule}` (NCRONTAB) and reports every check to Application Insights. " +
             $"Each check alerts `{c.AlertEmail}` after 3 failed runs in a row and resolves after 2 passing runs; " +
             "a security failure alerts at once; 5 minutes without any result raises a \"probe silent\" alert.");
        Line();
        Line("Key Vault, PostgreSQL and the registry send all logs and metrics to the Log Analytics workspace; the Container Apps " +
             "environment writes its console and system logs there too.");
        return s.ToString();
    }
}
