using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.ContainerRegistries;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.KeyVaults;
using Provisioning.Bicep.Resources.Monitoring;
using Provisioning.Bicep.Resources.PostgreSql;
using Provisioning.Bicep.Resources.Storage;
using Provisioning.Bicep.Syntax;
using Provisioning.Environments.Configuration;
using Provisioning.Environments.Model;

namespace Provisioning.Environments.Todo;

// What each part of TodoTemplate returns for the parts after it. A part can only be called with what it needs,
// so the order of the steps is enforced by the compiler.

/// <summary>What every part needs: the environment, the system, the template being built and the common declarations.</summary>
internal sealed record Foundation(
    EnvironmentConfiguration Config, SystemDescription System, BicepTemplate Template, Parameter Location, Parameter EnvironmentName, Variable Tags)
{
    public string Env => Config.Name;

    /// <summary>Name parts shared by every resource: workload prefix and environment.</summary>
    public string[] NameParts => [Config.NamePrefix, Config.Name];

    public bool IsPrivate => Config.IsPrivate;

    public bool IsProduction => Config.IsProduction;

    /// <summary>The tags every taggable resource carries; azd finds services by <c>azd-service-name</c>.</summary>
    public BicepExpression TagsFor(string? service = null) => service is null
        ? Tags.Reference
        : Expr.Call("union", Tags.Reference, Expr.Object(Expr.Prop("azd-service-name", service)));
}

/// <summary>The secure parameters and, for optional ones, whether they are set: keyed by secure parameter name.</summary>
internal sealed record SecureParameters(IReadOnlyDictionary<string, Parameter> Secure, IReadOnlyDictionary<string, Parameter> Presence);

/// <summary>The images to run, keyed by component, and the secure parameters.</summary>
internal sealed record DeploymentParameters(IReadOnlyDictionary<string, Parameter> Images, SecureParameters Secrets);

internal sealed record MonitoringParts(LogAnalyticsWorkspace LogAnalytics, ApplicationInsights AppInsights, ActionGroup ActionGroup);

/// <summary>
/// What must exist, and be granted, minutes before any workload is created: monitoring, the identities, the registry,
/// the Key Vault with every secret, each Functions host's storage, and every role assignment a workload needs when
/// it is created or starts. bootstrap.bicep and main.bicep declare these identically (<see cref="TodoTemplate.BuildBootstrap(EnvironmentConfiguration)"/>).
/// </summary>
internal sealed record AccessParts(
    MonitoringParts Monitoring,
    IReadOnlyDictionary<string, UserAssignedIdentity> Identities,
    ContainerRegistry Registry,
    KeyVault KeyVault,
    IReadOnlyDictionary<string, KeyVaultSecret> Secrets,
    IReadOnlyDictionary<string, FunctionsHost> FunctionsHosts);

/// <summary>A function app's host storage and the grants its host needs on it and on Application Insights.</summary>
internal sealed record FunctionsHost(StorageAccount Storage, IReadOnlyList<Resource> Grants);

/// <summary>
/// The database server and every resource on the path a client takes to it (server, database, TLS setting, and the
/// firewall rule or private DNS link): a workload that connects when it starts depends on all of them.
/// </summary>
internal sealed record DatabaseParts(PostgreSqlFlexibleServer Server, IReadOnlyList<Resource> Path);

/// <summary>
/// Private environments: each private endpoint with its DNS zone group and zone link, keyed by the symbol of its
/// target (keyVault, storageBlob, …). Empty in public environments.
/// </summary>
internal sealed record PrivatePaths(IReadOnlyDictionary<string, IReadOnlyList<Resource>> ByTarget)
{
    public static PrivatePaths None { get; } = new(new Dictionary<string, IReadOnlyList<Resource>>());

    public IReadOnlyList<Resource> To(string target) => ByTarget.TryGetValue(target, out var path) ? path : [];
}

/// <summary>Key Vault, the database server and the secrets stored in the vault, keyed by secret name.</summary>
internal sealed record DataParts(KeyVault KeyVault, PostgreSqlFlexibleServer Postgres, IReadOnlyDictionary<string, KeyVaultSecret> Secrets);

/// <summary>The Container Apps environment and the names of the apps in it.</summary>
internal sealed record AppsEnvironmentParts(ContainerAppsEnvironment Environment, IReadOnlyDictionary<string, BicepValue<string>> AppNames)
{
    /// <summary><c>https://&lt;app&gt;.&lt;environment domain&gt;</c>: computed from names, so apps can point at each other without a cycle.</summary>
    public BicepExpression PublicUrl(string component, string path = "") =>
        Expr.Interpolate("https://", AppNames[component].ToExpression(), ".", Environment.DefaultDomain, path);

    /// <summary>Internal ingress FQDNs carry <c>.internal.</c>; they resolve only inside the environment.</summary>
    public BicepExpression InternalUrl(string component, string path = "") =>
        Expr.Interpolate("https://", AppNames[component].ToExpression(), ".internal.", Environment.DefaultDomain, path);

    /// <summary>The URL other components use: public for external ingress, internal otherwise.</summary>
    public BicepExpression UrlOf(ComponentSpec component, string path = "")
    {
        ArgumentNullException.ThrowIfNull(component);
        return component.Ingress == IngressKind.External ? PublicUrl(component.Name, path) : InternalUrl(component.Name, path);
    }
}

/// <summary>Everything a component's workload is wired to.</summary>
internal sealed record WorkloadInputs(
    DeploymentParameters Parameters,
    AccessParts Access,
    DatabaseParts Database,
    PrivatePaths PrivatePaths,
    AppsEnvironmentParts Apps)
{
    public MonitoringParts Monitoring => Access.Monitoring;

    public IReadOnlyDictionary<string, UserAssignedIdentity> Identities => Access.Identities;

    public ContainerRegistry Registry => Access.Registry;
}

/// <summary>The deployed workload of each component (a container app or a job), keyed by component name.</summary>
internal sealed record Workloads(IReadOnlyDictionary<string, Resource> ByComponent);
