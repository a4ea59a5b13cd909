
namespace Provisioning.Catalogue;

/// <summary>
/// Where a component's environment variable gets its value. The model says only where from; a renderer turns it
/// into a value for one target (the Bicep renderer into template expressions, a local renderer into loopback URLs
/// and plain strings), so each kind of source is rendered in one place per target.
/// </summary>
public abstract record ValueSource;

/// <summary>A fixed string, the same in every environment.</summary>
public sealed record LiteralValue(string Value) : ValueSource;

/// <summary>
/// A non-secret value of the environment file, e.g. the frontend's domain key. <paramref name="Setting"/> names the
/// setting (<c>$.frontend.openAiDomainKey</c>, one of <see cref="ConfigurationSettings"/>); the generator reads it by
/// that name, so the catalogue never sees the configuration types.
/// </summary>
public sealed record ConfigurationValue(string Setting) : ValueSource;

/// <summary>
/// The base URL of another component plus <paramref name="Path"/>. Which URL depends on the target component's
/// ingress: external ingress gives its public https URL, internal ingress the URL that resolves only inside the
/// environment.
/// </summary>
public sealed record ComponentUrl(string Component, string Path = "") : ValueSource;

/// <summary>A Key Vault secret (its name in the vault), read through the component's own identity.</summary>
/// <param name="PinnedBy">
/// A deployment parameter (<see cref="SecretPin"/>) whose non-empty value is the secret version the reference names;
/// empty (the default) references the latest version. A key rotation pins the backend's current key while the issuers
/// move to the new one (docs/security.md, "Rotation").
/// </param>
public sealed record SecretValue(string Secret, SecretPin? PinnedBy = null) : ValueSource;

/// <summary>
/// A plain (not secure: a version id is no secret) string parameter that pins a Key Vault reference to one version, and the
/// deployment's environment variable the parameter file reads it from.
/// </summary>
public sealed record SecretPin(string Parameter, string Variable);

/// <summary>
/// A value of the environment the component runs in that is not part of the Todo contract (the Functions host's
/// storage account, Application Insights): each target renders it for its own platform.
/// </summary>
public sealed record PlatformValue(PlatformSetting Setting) : ValueSource;

/// <summary>
/// The Azure resource names of other components' workloads (container apps, jobs), comma separated: what a component
/// that reads those workloads through Azure Resource Manager looks up. Reading them needs a role on each (see
/// TodoTemplate.PlatformAccess); a local run has no Azure resources, so it leaves the variable out.
/// </summary>
public sealed record WorkloadNames(IReadOnlyList<string> Components) : ValueSource;

/// <summary>Platform values a component can ask for.</summary>
public enum PlatformSetting
{
    /// <summary>The name of the storage account the Functions host keeps its state in.</summary>
    FunctionsStorageAccountName,

    /// <summary>The client id of the component's own managed identity.</summary>
    IdentityClientId,

    /// <summary>The Application Insights connection string.</summary>
    ApplicationInsightsConnectionString,

    /// <summary>Entra authentication of telemetry with the component's own identity.</summary>
    ApplicationInsightsAuthentication,

    /// <summary>The subscription the environment is deployed to.</summary>
    SubscriptionId,

    /// <summary>The resource group the environment is deployed to.</summary>
    ResourceGroupName,
}
