using Provisioning.Bicep.Model;
using Provisioning.Bicep.Naming;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

public static partial class TodoTemplate
{
    /// <summary>
    /// A manually triggered job (the EF Core migration bundle): the deploy command's migration stage starts it
    /// after data.bicep set its image and before any workload changes, and waits for the execution. Retries cover a database that is still starting; the
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
    /// which internal ingress answers (the probe checks mcp). Its host storage and the host's grants come from
    /// <see cref="AddFunctionsHost"/>.
    /// </summary>
    private static ContainerApp AddFunctionApp(Foundation f, WorkloadInputs inputs, ComponentSpec component)
    {
        var host = inputs.Access.FunctionsHosts[component.Name];
        var size = component.Size.Read(f.Config);
        var function = new ContainerApp(component.WorkloadSymbol)
        {
            Name = inputs.Apps.AppNames[component.Name],
            Kind = ContainerApp.FunctionAppKind,
            Location = f.Location.Reference,
            Tags = f.TagsFor(component.Name),
            EnvironmentId = inputs.Apps.Environment.Id,
            Ingress = new Ingress(component.Ingress == IngressKind.External, component.Port!.Value) { Transport = "http" },
            Containers = [Container(f, inputs, component, new PlatformResources(host.Storage))],
            Scale = new Scale(size.MinReplicas, size.MaxReplicas),
            DependsOn = [.. host.Grants, .. StoragePrivatePaths(inputs)],
        };
        return AddWorkload(f, inputs, component, function);
    }

    /// <summary>The host reaches its storage (closed to public networks in private environments) only over these.</summary>
    private static IEnumerable<Resource> StoragePrivatePaths(WorkloadInputs inputs) =>
        StorageServices.SelectMany(service => inputs.PrivatePaths.To(StorageEndpointSymbol(service)));
}
