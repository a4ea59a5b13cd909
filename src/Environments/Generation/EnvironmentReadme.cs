using Provisioning.Environments.Todo;
using System.Globalization;
using System.Text;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Generation;

/// <summary>The generated README of one environment: what it contains, how it is reached, how to deploy it.</summary>
internal static class EnvironmentReadme
{
    public static string Write(EnvironmentConfiguration c, SystemDescription system)
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
        Line("`azd up` runs the stages below through its hooks; without azd, `deploy` runs the same stages, all or one at a time");
        Line("(docs/deployment.md gives each one's reason and source). No step reads a secret from your shell: `secrets init` creates");
        Line("the missing ones in Key Vault once and never overwrites one (docs/security.md, \"Secret lifecycle\"). No step needs Docker.");
        Line();
        Line("```bash");
        Line($"export AZURE_SUBSCRIPTION_ID=<subscription> AZURE_RESOURCE_GROUP=rg-{c.NamePrefix}-{c.Name} AZURE_LOCATION={c.Location}");
        var sources = system.Components.Where(k => k.Build is null).Select(k => $"{AzureYamlServices.SourceImageVariable(k)}=<registry>/<repository>:<tag>").ToList();
        if (sources.Count > 0)
        {
            Line($"export {string.Join(' ', sources)}   # the first time: where the application images come from");
        }
        var external = system.SecureParametersFor(c).Where(p => p.External && !p.Optional).Select(p => p.Variable).ToList();
        if (external.Count > 0)
        {
            Line($"export {string.Join(' ', external.Select(v => v + "=..."))}   # the first time, from your secret store: issued elsewhere, stored in Key Vault once");
        }
        Line($"dotnet run --project src/Cli -- deploy -e {c.Name}   # every stage, in order; or one: --stage <name>");
        foreach (var (stage, i) in Deployment.DeploymentStages.All.Select((s, i) => (s, i)))
        {
            Line($"#   {i + 1}. {stage.Name,-12} {stage.Guarantee}");
        }
        Line("```");
        Line();
        Line("## What it contains");
        Line();
        Line("| component | size | replicas |");
        Line("|---|---|---|");
        foreach (var component in system.Components)
        {
            var size = component.Size.Read(c);
            var (name, replicas) = component.Kind switch
            {
                WorkloadKind.Job => (F($"{component.Name} (Container Apps Job, manual trigger, {Duration(component.Job!.ReplicaTimeoutSeconds)} timeout, {component.Job.RetryLimit} {(component.Job.RetryLimit == 1 ? "retry" : "retries")})"),
                    "one execution per deploy"),
                WorkloadKind.FunctionApp => ($"{component.Name} (Azure Functions on Container Apps)", Replicas(size)),
                _ => (component.Ingress == IngressKind.Internal ? $"{component.Name} (internal ingress)" : component.Name, Replicas(size)),
            };
            Line(F($"| {name} | {size.Cpu} vCPU / {size.Memory} | {replicas} |"));
        }
        Line();
        var db = c.Database;
        Line(F($"PostgreSQL Flexible Server 16, `{db.SkuName}` ({db.Tier}), {db.StorageSizeGB} GB, backups kept {db.BackupRetentionDays} days") +
             (db.GeoRedundantBackup ? ", geo-redundant" : "") + (db.HighAvailability ? ", zone-redundant high availability" : "") + ". TLS is required.");
        Line(F($"Storage does not grow by itself (a disk Azure grew would make the next deployment fail); an alert reaches the action group at {TodoTemplate.DatabaseStorageAlertPercent} % used. ") +
             F($"To grow the disk: raise `database.storageSizeGB` in `env/{c.Name}.json` (sizes only go up), regenerate, deploy."));
        Line();
        Line($"Key Vault in RBAC mode, soft delete {c.KeyVault.SoftDeleteRetentionDays.ToString(CultureInfo.InvariantCulture)} days" +
             (c.KeyVault.PurgeProtection ? ", purge protection on" : ", purge protection off") + ".");
        Line(c.Locks ? "Delete locks protect the Key Vault and the database server." : "No delete locks.");
        Line();
        Line("## Architecture");
        Line();
        Line("Components, their identities, the Key Vault secrets each reads, the data flows (port, protocol), the probe's paths " +
             "(dashed) and the migration job, from the system model (`src/Environments/Model/TodoSystem.cs`):");
        Line();
        Line("```mermaid");
        s.Append(EnvironmentDiagram.Write(c, system));
        Line("```");
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
        foreach (var secret in system.SecretsFor(c))
        {
            var readers = system.Readers(secret, c);
            if (readers.Count == 0)
            {
                // Read by no workload: the PostgreSQL administrator password, which only the deployment resolves.
                Line($"| `{secret.Name}` | the server's deployment only (getSecret() in main.bicepparam) |");
                continue;
            }
            var variables = string.Join(", ", readers.Select(r => r.Variable.Name).Distinct());
            var optional = system.IsOptional(secret)
                ? ", only during a rotation (" + string.Join(" and ", secret.Content.Parameters.Select(system.SecureParameter).Where(p => p.Optional).Select(p => p.PresenceVariable + "=true")) + ")"
                : "";
            Line($"| `{secret.Name}` ({variables}){optional} | {string.Join(", ", readers.Select(r => r.Component.Name))} |");
        }
        Line();
        Line("A changed secret is read by the next revision: after rotating one, restart the apps that read it.");
        Line();
        Line("## Monitoring");
        Line();
        var windows = AlertWindows.For(c);
        Line($"The probe runs on `{c.Probe.Schedule}` (NCRONTAB) and reports every check to Application Insights. " +
             (c.Alerts.CheckRules == CheckAlertRules.Combined
                 ? $"A check that fails 3 runs in a row raises the one \"probe checks failing\" alert to `{c.AlertEmail}` (its results name every failing check), which resolves once each passed 2 runs; "
                 : $"Each check alerts `{c.AlertEmail}` after 3 failed runs in a row and resolves after 2 passing runs; ") +
             $"a security failure of {string.Join(" or ", system.Checks.Where(k => k.JoinsSecurityAlert).Select(k => $"`{k.Name}`"))} alerts at once; " +
             $"{AlertWindows.Words(windows.Silent)} without any result raises a \"probe silent\" alert." +
             // Said only when it differs from the every-minute default, which the sentence above already implies.
             (c.Alerts.EvaluationFrequency == AlertSettings.DefaultEvaluationFrequency ? ""
                 : $" The alert rules are evaluated every {AlertWindows.Words(windows.Frequency)} (`alerts.evaluationFrequency`), so an alert comes up to that much later."));
        Line();
        Line($"The checks: {string.Join(", ", system.Checks.Select(k => $"`{k.Name}` ({k.Component})"))}.");
        Line();
        WriteObjectives(Line, c, system);
        Line("Key Vault, PostgreSQL and the registry send all logs and metrics to the Log Analytics workspace; the Container Apps " +
             "environment writes its console and system logs there too.");
        return s.ToString();
    }

    /// <summary>The success criteria as objectives: which checks measure each, and when its burn-rate alert fires.</summary>
    private static void WriteObjectives(Action<string> line, EnvironmentConfiguration c, SystemDescription system)
    {
        var objectives = TodoObjectives.For(system);
        if (objectives.Count == 0)
        {
            return;
        }
        string Pct(decimal fraction) => (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";
        string Pair(BurnRateWindows p, ObjectiveSpec o) =>
            $"{Pct(p.Factor * o.ErrorBudget)} of results failing over {AlertWindows.Words(p.Long)} and over {AlertWindows.Words(p.Short)}";
        var pairs = TodoObjectives.BurnRates;
        line("### Success criteria (service level objectives)");
        line("");
        line("Each objective is the share of the probe's results of its checks that pass (a skipped result counts as failed). " +
             "Besides the per-check alerts, a burn-rate alert fires when an objective spends its error budget too fast over both " +
             "windows of a pair: " + string.Join("; ", pairs.Select(p => string.Create(CultureInfo.InvariantCulture,
                 $"{p.Name}, {p.Factor}× the budget over {AlertWindows.Words(p.Long)} and {AlertWindows.Words(p.Short)} ({Pct(p.BudgetSpent)} of a {TodoObjectives.BudgetPeriod.TotalDays}-day budget in {AlertWindows.Words(p.Long)}; severity {p.Severity})"))) +
             (c.Alerts.CheckRules == CheckAlertRules.Combined ? ", both in one rule (`alerts.checkRules: combined`)." : ", one rule each.") +
             " The workbook \"" + c.Name + ": success criteria (SLOs)\" on the Application Insights resource shows the success rate per check, the budget burned and the last failures with their reasons.");
        line("");
        line("| objective | target | error budget | checks | " + string.Join(" | ", pairs.Select(p => $"{p.Name} burn fires at")) + " |");
        line("|---|---:|---:|---|" + string.Concat(pairs.Select(_ => "---|")));
        foreach (var o in objectives)
        {
            line($"| {o.Id} {o.Title} | {Pct(o.Target)} | {Pct(o.ErrorBudget)} | {string.Join(", ", o.Checks.Select(k => $"`{k}`"))} | " +
                 string.Join(" | ", pairs.Select(p => Pair(p, o))) + " |");
        }
        line("");
        var interval = TimeSpan.FromSeconds(ProbeSchedule.IntervalSeconds(c.Probe.Schedule));
        var blind = pairs.Where(p => interval > p.Short).ToList();
        if (blind.Count > 0)
        {
            // Said where it happens: a probe rarer than a short window leaves that window empty, so its pair cannot fire.
            line($"The probe runs every {AlertWindows.Words(interval)}, less often than the short window of {string.Join(" and ", blind.Select(p => $"the {p.Name} pair ({AlertWindows.Words(p.Short)})"))}: " +
                 "that window often holds no result, so that alert fires late or not at all; the per-check alerts still do.");
            line("");
        }
    }

    private static string Replicas(AppSettings size) => size.MinReplicas == size.MaxReplicas
        ? size.MinReplicas.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{size.MinReplicas}–{size.MaxReplicas}");

    /// <summary>900 → "15 min", 90 → "90 s".</summary>
    private static string Duration(int seconds) => seconds % 60 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds} s");
}
