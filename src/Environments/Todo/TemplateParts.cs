using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.ContainerRegistries;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.KeyVaults;
using Provisioning.Bicep.Resources.Monitoring;
using Provisioning.Bicep.Resources.PostgreSql;
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

/// <summary>
/// The images to run, the secure parameters and, for optional ones, whether they are set: keyed by component and by
/// secure parameter name.
/// </summary>
internal sealed record DeploymentParameters(
    IReadOnlyDictionary<string, Parameter> Images, IReadOnlyDictionary<string, Parameter> Secure, IReadOnlyDictionary<string, Parameter> Presence);

internal sealed record MonitoringParts(LogAnalyticsWorkspace LogAnalytics, ApplicationInsights AppInsights, ActionGroup ActionGroup);

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
    MonitoringParts Monitoring,
    IReadOnlyDictionary<string, UserAssignedIdentity> Identities,
    ContainerRegistry Registry,
    DataParts Data,
    AppsEnvironmentParts Apps,
    TodoNetwork? Network);

/// <summary>The deployed workload of each component (a container app or a job), keyed by component name.</summary>
internal sealed record Workloads(IReadOnlyDictionary<string, Resource> ByComponent);
