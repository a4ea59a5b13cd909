using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.Shared;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>
/// A container app (<c>Microsoft.App/containerApps</c>). With <see cref="Kind"/> <c>functionapp</c> it hosts an
/// Azure Functions container (Azure Functions on Container Apps), which then lives inside the environment and can
/// reach apps whose ingress is internal.
/// </summary>
public sealed record ContainerApp(string Identifier) : Resource(Identifier), IContainerWorkload<ContainerApp>
{
    /// <summary>The <c>kind</c> for Azure Functions on Container Apps.</summary>
    public const string FunctionAppKind = "functionapp";

    public override string ResourceType => "Microsoft.App/containerApps";

    public override string ApiVersion => ContainerAppsApi.Version;

    public override NamingRule? NamingRule => AzureNames.ContainerApp;

    /// <summary>Unset for an ordinary app; <see cref="FunctionAppKind"/> for a Functions container.</summary>
    public BicepValue<string> Kind { get; init; }

    /// <summary>The managed environment's resource id (<c>env.id</c>).</summary>
    public BicepValue<string> EnvironmentId { get; init; }

    public ManagedIdentities Identities { get; init; } = new();

    /// <summary>One active revision at a time: a new revision replaces the old one (and picks up changed secrets).</summary>
    public BicepValue<string> ActiveRevisionsMode { get; init; } = "Single";

    public Ingress? Ingress { get; init; }

    public ImmutableArray<ContainerAppSecret> Secrets { get; init; } = [];

    public ImmutableArray<RegistryCredential> Registries { get; init; } = [];

    public ImmutableArray<Container> Containers { get; init; } = [];

    public Scale? Scale { get; init; }

    /// <summary><c>x.properties.configuration.ingress.fqdn</c>: the stable host name of the app (needs ingress).</summary>
    public BicepExpression IngressFqdn => PropertyReference("configuration").Member("ingress").Member("fqdn");

    public ContainerApp WithIdentity(UserAssignedIdentity identity) => this with { Identities = Identities.With(identity) };

    public ContainerApp WithSecret(ContainerAppSecret secret) => this with { Secrets = ContainerWorkload.Upsert(Secrets, secret) };

    public ContainerApp WithRegistry(RegistryCredential registry) => this with { Registries = ContainerWorkload.Upsert(Registries, registry) };

    public ContainerApp WithEnv(EnvironmentVariable variable, string? containerName = null) =>
        this with { Containers = ContainerWorkload.WithEnv(Containers, variable, containerName) };

    public ContainerApp WithDependency(Resource resource) => this with { DependsOn = ContainerWorkload.WithDependency(DependsOn, resource) };

    protected override void WriteBody(BicepObjectBuilder body)
    {
        body.Add("kind", Kind);
        if (!Identities.IsEmpty)
        {
            body.Add("identity", Identities.ToExpression());
        }
        body.AddObject("properties", p =>
        {
            p.Add("environmentId", EnvironmentId);
            p.AddObject("configuration", c =>
            {
                c.Add("activeRevisionsMode", ActiveRevisionsMode);
                c.Add("ingress", Ingress?.ToExpression());
                c.AddArray("secrets", Secrets);
                c.AddArray("registries", Registries);
            });
            p.AddObject("template", t =>
            {
                t.AddArray("containers", Containers);
                t.Add("scale", Scale?.ToExpression());
            });
        });
    }
}
