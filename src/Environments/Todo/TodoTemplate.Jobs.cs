using Provisioning.Bicep.Composition;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.Storage;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>
    /// A manually triggered job (the EF Core migration bundle): azd's postdeploy hook (or a pipeline) starts it after
    /// new images are deployed and waits for the execution. Retries cover a database that is still starting; the
    /// timeout bounds a hung run.
    /// </summary>
    private static ContainerAppJob AddJob(Foundation f, WorkloadInputs inputs, ComponentSpec component)
    {
        var job = new ContainerAppJob(component.WorkloadSymbol)
        {
            Location = f.Location.Reference,
            Tags = f.TagsFor(component.Name),
            EnvironmentId = inputs.Apps.Environment.Id,
            ReplicaTimeout = component.Job!.ReplicaTimeoutSeconds,
            ReplicaRetryLimit = component.Job.RetryLimit,
            Parallelism = 1,
            ReplicaCompletionCount = 1,
            Containers = [Container(f, inputs, component)],
        }.WithGeneratedName([.. f.NameParts, component.Name]);
        return AddWorkload(f, inputs, component, job);
    }

    /// <summary>
    /// Azure Functions on Container Apps (<c>kind: functionapp</c>) inside the same environment, the only place from
    /// which internal ingress answers (the probe checks mcp). Its host storage is reached with its managed identity:
    /// the account has shared keys disabled.
    /// </summary>
    private static ContainerApp AddFunctionApp(Foundation f, WorkloadInputs inputs, ComponentSpec component)
    {
        var identity = inputs.Identities[component.Name];
        var storage = f.Template.Add(new StorageAccount(component.Name + "Storage")
        {
            Location = f.Location.Reference,
            Tags = f.TagsFor(),
            SkuName = f.IsPrivate ? "Standard_ZRS" : "Standard_LRS",
            PublicNetworkAccess = f.IsPrivate ? "Disabled" : "Enabled",
        }.WithGeneratedName([.. f.NameParts, component.Name]));
        if (inputs.Network is { } network)
        {
            foreach (var service in new[] { "blob", "queue", "table" })
            {
                AddPrivateEndpoint(f, network, storage, service, StorageZone(service), "storage" + char.ToUpperInvariant(service[0]) + service[1..]);
            }
        }
        // The Functions host keeps timer schedules and leases in blobs, queues and tables.
        var storageRoles = StorageGrants.ForFunctionsHost(storage, identity).Select(f.Template.Add).ToList();
        var appInsightsRole = f.Template.Add(RoleAssignments.Grant(inputs.Monitoring.AppInsights, identity, BuiltInRoles.MonitoringMetricsPublisher));

        var size = component.Size.Read(f.Config);
        var function = new ContainerApp(component.WorkloadSymbol)
        {
            Name = inputs.Apps.AppNames[component.Name],
            Kind = ContainerApp.FunctionAppKind,
            Location = f.Location.Reference,
            Tags = f.TagsFor(component.Name),
            EnvironmentId = inputs.Apps.Environment.Id,
            Ingress = new Ingress(component.Ingress == IngressKind.External, component.Port!.Value) { Transport = "http" },
            Containers = [Container(f, inputs, component, new PlatformResources(storage))],
            Scale = new Scale(size.MinReplicas, size.MaxReplicas),
            DependsOn = [.. storageRoles, appInsightsRole],
        };
        return AddWorkload(f, inputs, component, function);
    }
}
