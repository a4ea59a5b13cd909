using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.Shared;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>
/// A Container Apps job (<c>Microsoft.App/jobs</c>) with a manual trigger: it runs when started
/// (<c>az containerapp job start</c>), retries failed replicas, and is killed after <see cref="ReplicaTimeout"/>.
/// </summary>
public sealed record ContainerAppJob(string Identifier) : Resource(Identifier), IContainerWorkload<ContainerAppJob>
{
    public override string ResourceType => "Microsoft.App/jobs";

    public override string ApiVersion => ContainerAppsApi.Version;

    public override NamingRule? NamingRule => AzureNames.ContainerApp;

    public BicepValue<string> EnvironmentId { get; init; }

    public ManagedIdentities Identities { get; init; } = new();

    /// <summary>Seconds a replica may run before it is stopped and counted as failed; 30 minutes by default.</summary>
    public BicepValue<int> ReplicaTimeout { get; init; } = 1800;

    /// <summary>Retries of a failed replica before the execution fails.</summary>
    public BicepValue<int> ReplicaRetryLimit { get; init; } = 1;

    /// <summary>Replicas run at once per execution.</summary>
    public BicepValue<int> Parallelism { get; init; } = 1;

    /// <summary>Successful replicas needed for the execution to succeed.</summary>
    public BicepValue<int> ReplicaCompletionCount { get; init; } = 1;

    public ImmutableArray<ContainerAppSecret> Secrets { get; init; } = [];

    public ImmutableArray<RegistryCredential> Registries { get; init; } = [];

    public ImmutableArray<Container> Containers { get; init; } = [];

    public ContainerAppJob WithIdentity(UserAssignedIdentity identity) => this with { Identities = Identities.With(identity) };

    public ContainerAppJob WithSecret(ContainerAppSecret secret) => this with { Secrets = ContainerWorkload.Upsert(Secrets, secret) };

    public ContainerAppJob WithRegistry(RegistryCredential registry) => this with { Registries = ContainerWorkload.Upsert(Registries, registry) };

    public ContainerAppJob WithEnv(EnvironmentVariable variable, string? containerName = null) =>
        this with { Containers = ContainerWorkload.WithEnv(Containers, variable, containerName) };

    public ContainerAppJob WithDependency(Resource resource) => this with { DependsOn = ContainerWorkload.WithDependency(DependsOn, resource) };

    protected override void WriteBody(BicepObjectBuilder body)
    {
        if (!Identities.IsEmpty)
        {
            body.Add("identity", Identities.ToExpression());
        }
        body.AddObject("properties", p =>
        {
            p.Add("environmentId", EnvironmentId);
            p.AddObject("configuration", c =>
            {
                c.Add("triggerType", (Syntax.BicepExpression)"Manual");
                c.Add("replicaTimeout", ReplicaTimeout);
                c.Add("replicaRetryLimit", ReplicaRetryLimit);
                c.AddObject("manualTriggerConfig", m => m
                    .Add("parallelism", Parallelism)
                    .Add("replicaCompletionCount", ReplicaCompletionCount));
                c.AddArray("secrets", Secrets);
                c.AddArray("registries", Registries);
            });
            p.AddObject("template", t => t.AddArray("containers", Containers));
        });
    }
}
