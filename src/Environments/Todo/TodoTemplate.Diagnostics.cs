using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Monitoring;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>
    /// Every log and metric of the stateful and security-relevant resources goes to Log Analytics: Key Vault (who read
    /// which secret), PostgreSQL (connections, errors, slow queries) and the registry (logins, pulls). The Container
    /// Apps environment already writes its console and system logs there through its own log configuration, so a
    /// diagnostic setting on it would only pay for every line twice.
    /// </summary>
    private static void AddDiagnostics(Foundation f, MonitoringParts monitoring, IEnumerable<Resource> resources)
    {
        foreach (var resource in resources)
        {
            f.Template.Add(new DiagnosticSettings(resource.Identifier + "Diagnostics")
            {
                Scope = resource,
                Name = "to-log-analytics",
                WorkspaceId = monitoring.LogAnalytics.Id,
            });
        }
    }
}
