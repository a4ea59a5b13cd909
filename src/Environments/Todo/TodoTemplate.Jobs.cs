using Provisioning.Bicep.Composition;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.Storage;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>
    /// The EF Core migration bundle as a manually triggered job: azd's postdeploy hook (or a pipeline) starts it after
    /// new images are deployed and waits for the execution. Retries cover a database that is still starting; the
    /// timeout bounds a hung migration.
    /// </summary>
    private static void AddMigrationJob(TodoTemplateContext c)
    {
        var job = new ContainerAppJob("migrationJob")
        {
            Location = c.Location.Reference,
            Tags = Tags(c, TodoContract.Migrate),
            EnvironmentId = c.AppsEnvironment.Id,
            // The bundle retries connections for up to 120 s (MIGRATE_CONNECT_TIMEOUT_SECONDS), may wait up to 600 s
            // for another run's migration lock, then migrates: 15 minutes covers all three. One retry covers a server
            // that was still starting; the postdeploy hook waits for both attempts.
            ReplicaTimeout = 900,
            ReplicaRetryLimit = 1,
            Parallelism = 1,
            ReplicaCompletionCount = 1,
            Containers = [new Container(TodoContract.Migrate, Image(c, TodoContract.Migrate)) { Resources = ContainerResources.Medium }],
        }.WithGeneratedName([.. c.NameParts, TodoContract.Migrate]);
        c.MigrationJob = AddWorkload(c, job, c.Identities[TodoContract.Migrate], [TodoContract.DatabaseUrl]);
    }

    /// <summary>
    /// The probe runs as Azure Functions on Container Apps (<c>kind: functionapp</c>) inside the same environment, the
    /// only place from which mcp's internal ingress answers. Its host storage is reached with its managed identity:
    /// the account has shared keys disabled.
    /// </summary>
    private static void AddProbeFunction(TodoTemplateContext c)
    {
        var identity = c.Identities[TodoContract.Probe];
        var storage = c.Template.Add(new StorageAccount("probeStorage")
        {
            Location = c.Location.Reference,
            Tags = Tags(c),
            SkuName = c.IsPrivate() ? "Standard_ZRS" : "Standard_LRS",
            PublicNetworkAccess = c.IsPrivate() ? "Disabled" : "Enabled",
        }.WithGeneratedName([.. c.NameParts, "probe"]));
        if (c.IsPrivate())
        {
            foreach (var service in new[] { "blob", "queue", "table" })
            {
                AddPrivateEndpoint(c, storage, service, StorageZone(service), "storage" + char.ToUpperInvariant(service[0]) + service[1..]);
            }
        }
        // The Functions host keeps timer schedules and leases in blobs, queues and tables.
        var storageRoles = StorageGrants.ForFunctionsHost(storage, identity).Select(c.Template.Add).ToList();
        var appInsightsRole = c.Template.Add(RoleAssignments.Grant(c.AppInsights, identity, BuiltInRoles.MonitoringMetricsPublisher));

        var plain = new (string Name, BicepValue<string> Value)[]
        {
            (TodoContract.FrontendUrl, PublicUrl(c, TodoContract.Frontend)),
            (TodoContract.ProbeBackendUrl, PublicUrl(c, TodoContract.Backend)),
            (TodoContract.ProbeMcpUrl, InternalUrl(c, TodoContract.Mcp, TodoContract.McpEndpointPath)),
            ("PROBE_ENVIRONMENT", c.Env),
            ("PROBE_SCHEDULE", c.Config.Probe.Schedule),
            ("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated"),
            ("AzureWebJobsStorage__accountName", storage.NameReference),
            ("AzureWebJobsStorage__credential", "managedidentity"),
            ("AzureWebJobsStorage__clientId", identity.ClientId),
            ("APPLICATIONINSIGHTS_CONNECTION_STRING", c.AppInsights.ConnectionString),
            ("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", Expr.Interpolate("Authorization=AAD;ClientId=", identity.ClientId)),
        };
        var function = new ContainerApp("probeFunction")
        {
            Name = c.AppNames[TodoContract.Probe],
            Kind = ContainerApp.FunctionAppKind,
            Location = c.Location.Reference,
            Tags = Tags(c, TodoContract.Probe),
            EnvironmentId = c.AppsEnvironment.Id,
            // Internal ingress lets the platform reach the host; nothing outside the environment can.
            Ingress = new Ingress(false, TodoContract.FunctionsPort) { Transport = "http" },
            Containers =
            [
                new Container(TodoContract.Probe, Image(c, TodoContract.Probe))
                {
                    Resources = ContainerResources.Medium,
                    Env = [.. plain.Select(p => EnvironmentVariable.Plain(p.Name, p.Value))],
                    Probes =
                    [
                        ContainerProbe.Tcp(ProbeType.Startup, TodoContract.FunctionsPort) with { PeriodSeconds = 10, FailureThreshold = 30 },
                        ContainerProbe.Tcp(ProbeType.Liveness, TodoContract.FunctionsPort) with { PeriodSeconds = 30, FailureThreshold = 3 },
                        ContainerProbe.Tcp(ProbeType.Readiness, TodoContract.FunctionsPort) with { PeriodSeconds = 10, FailureThreshold = 3 },
                    ],
                },
            ],
            // A timer must keep firing: never scale to zero, and one replica is enough (the timer is a singleton).
            Scale = new Scale(1, 1),
            DependsOn = [.. storageRoles, appInsightsRole],
        };
        c.ProbeFunction = AddWorkload(c, function, identity, [TodoContract.JwtSecretKey, TodoContract.DatabaseUrl]);
    }
}
