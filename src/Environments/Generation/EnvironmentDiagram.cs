using System.Globalization;
using System.Text;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Generation;

/// <summary>
/// The Mermaid architecture diagram of one environment, derived from the system model only: components (apps, the
/// migration job, the probe), their identities, the Key Vault secrets each identity reads, the data flows between
/// components (the URL variables, with port and protocol), the database connections (with their role), the probe's
/// paths (its URL variables and the workloads it reads through Azure Resource Manager) and telemetry.
/// </summary>
internal static class EnvironmentDiagram
{
    public static string Write(EnvironmentConfiguration c, SystemDescription system)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(system);
        var s = new StringBuilder();
        void Line(string text) => s.Append(text).Append('\n');
        static string Id(string name) => new([.. name.Where(char.IsLetterOrDigit)]);
        static string Q(string text) => "\"" + text.Replace("\"", "#quot;", StringComparison.Ordinal) + "\"";
        var probe = system.Components.FirstOrDefault(k => k.Name == TodoSystem.Probe);

        Line("flowchart LR");
        Line("  users([browser users])");
        Line($"  subgraph aca[{Q(c.IsPrivate ? "Container Apps environment (VNet)" : "Container Apps environment")}]");
        foreach (var component in system.Components)
        {
            var text = component.Kind switch
            {
                WorkloadKind.Job => $"{component.Name}<br/>{component.Description}<br/>Container Apps Job, manual trigger",
                WorkloadKind.FunctionApp => $"{component.Name}<br/>{component.Description}<br/>timer {c.Probe.Schedule}",
                _ => string.Create(CultureInfo.InvariantCulture, $"{component.Name}<br/>{component.Description}<br/>{component.Ingress} ingress, port {component.Port}"),
            };
            Line(component.Kind == WorkloadKind.Job ? $"    {Id(component.Name)}[[{Q(text)}]]" : $"    {Id(component.Name)}[{Q(text)}]");
        }
        Line("  end");

        Line($"  subgraph identities[{Q("user-assigned managed identities")}]");
        foreach (var component in system.Components)
        {
            Line($"    id{Id(component.Name)}{{{{{Q("id-" + component.Name)}}}}}");
        }
        Line("  end");

        var secrets = system.SecretsFor(c);
        Line($"  subgraph kv[{Q("Key Vault (RBAC, one role assignment per secret)")}]");
        foreach (var secret in secrets)
        {
            Line($"    sec{Id(secret.Name)}[/{Q(secret.Name)}/]");
        }
        Line("  end");
        Line(string.Create(CultureInfo.InvariantCulture, $"  db[({Q($"PostgreSQL Flexible Server<br/>database {system.Database.Name}, port {system.Database.Port}")})]"));
        Line($"  appi[({Q("Application Insights")})]");

        // Who reaches whom: external ingress from the users, then every URL variable (the probe's dashed).
        foreach (var component in system.Components.Where(k => k.Ingress == IngressKind.External))
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"  users -->|{Q($"HTTPS 443 → {component.Port}")}| {Id(component.Name)}"));
        }
        foreach (var job in system.Components.Where(k => k.Kind == WorkloadKind.Job))
        {
            Line($"  deploy([{Q("deployment (migration stage)")}]) -->|{Q("job start before the workloads change, HTTPS 443 (ARM)")}| {Id(job.Name)}");
        }
        foreach (var component in system.Components)
        {
            var arrow = component == probe ? "-.->" : "-->";
            foreach (var variable in system.VariablesFor(component, c))
            {
                switch (variable.Source)
                {
                    case ComponentUrl url:
                        var target = system.Component(url.Component);
                        var path = url.Path.Length > 0 ? url.Path : component == probe ? target.Health?.Path ?? "/" : "";
                        Line(string.Create(CultureInfo.InvariantCulture,
                            $"  {Id(component.Name)} {arrow}|{Q($"{variable.Name}: HTTPS 443 → {target.Port} {path}".TrimEnd())}| {Id(target.Name)}"));
                        break;
                    case WorkloadNames names:
                        foreach (var workload in names.Components.Select(system.Component))
                        {
                            var role = workload.Kind == WorkloadKind.Job ? "Reader" : "ContainerApp Reader";
                            Line($"  {Id(component.Name)} -.->|{Q($"ARM read ({role}), HTTPS 443")}| {Id(workload.Name)}");
                        }
                        break;
                    case SecretValue secret when system.Secret(secret.Secret).Content is DatabaseUrlContent database:
                        Line(string.Create(CultureInfo.InvariantCulture,
                            $"  {Id(component.Name)} {arrow}|{Q($"{variable.Name}: PostgreSQL TLS {system.Database.Port} as {database.Login}")}| db"));
                        break;
                    case PlatformValue { Setting: PlatformSetting.ApplicationInsightsConnectionString }:
                        Line($"  {Id(component.Name)} -.->|{Q("availability results, HTTPS 443")}| appi");
                        break;
                }
            }
        }

        // Identities: each component runs as its own, which reads exactly its secrets.
        foreach (var component in system.Components)
        {
            Line($"  {Id(component.Name)} --- id{Id(component.Name)}");
        }
        foreach (var secret in secrets)
        {
            foreach (var reader in system.Readers(secret, c).Select(r => r.Component.Name).Distinct(StringComparer.Ordinal))
            {
                Line($"  id{Id(reader)} -->|{Q("Key Vault Secrets User")}| sec{Id(secret.Name)}");
            }
        }
        return s.ToString();
    }
}
