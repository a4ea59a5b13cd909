using System.Text;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.AppContainers;
using Provisioning.Bicep.Resources.Authorization;
using Provisioning.Bicep.Resources.ContainerRegistries;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.KeyVaults;
using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Composition;

/// <summary>
/// Composite helpers for container apps and jobs, in the spirit of Farmer: one call wires everything a use of a
/// secret or a registry needs, so no part (the role, the dependency) can be forgotten.
/// </summary>
public static class ContainerWorkloadSecrets
{
    /// <summary>
    /// Gives the workload the Key Vault secret as environment variable <paramref name="envVarName"/>:
    /// <list type="bullet">
    /// <item>a workload secret that is a Key Vault reference (<c>keyVaultUrl</c> = the secret's full
    /// <c>properties.secretUri</c>, <c>identity</c> = the user-assigned identity's id),</item>
    /// <item>the env var with <c>secretRef</c> to it (on <paramref name="containerName"/>, or every container),</item>
    /// <item>the identity attached to the workload,</item>
    /// <item>a Key Vault Secrets User role assignment scoped to that one secret (least privilege), and an explicit
    /// dependency of the workload on it: the platform resolves the reference when the revision starts, so the role
    /// must exist first.</item>
    /// </list>
    /// </summary>
    /// <param name="secretName">The workload secret's name; defaults to the env var name in kebab case (<c>JWT_SECRET_KEY</c> → <c>jwt-secret-key</c>).</param>
    /// <param name="condition">
    /// For a Key Vault secret that exists only while this holds (a conditional resource): the workload secret, the env
    /// var and the role assignment then exist under the same condition.
    /// </param>
    /// <param name="version">
    /// A string expression; while it is non-empty the reference names that version of the secret instead of the latest
    /// (Container Apps then never moves the workload to a newer value on its own).
    /// </param>
    public static WorkloadGrant<T> WithKeyVaultSecretAsEnv<T>(
        this T workload, string envVarName, KeyVaultSecret secret, UserAssignedIdentity identity, string? secretName = null, string? containerName = null,
        BicepExpression? condition = null, BicepExpression? version = null)
        where T : Resource, IContainerWorkload<T>
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentException.ThrowIfNullOrEmpty(envVarName);
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(identity);
        var name = secretName ?? ToSecretName(envVarName);
        var role = SecretReadGrant(secret, identity, condition);
        // Under a condition the secret resource may be null as far as the compiler knows; the item exists only when
        // it does not, which the non-null assertion states.
        var latest = condition is null ? secret.SecretUri : Syntax.Bicep.NonNull(secret.Reference).Member("properties").Member("secretUri");
        var url = version is null ? latest : Syntax.Bicep.If(Syntax.Bicep.Call("empty", version), latest, Syntax.Bicep.Interpolate(latest, "/", version));
        var changed = workload
            .WithIdentity(identity)
            .WithSecret(ContainerAppSecret.FromKeyVault(name, url, identity.Id) with { Condition = condition })
            .WithEnv(EnvironmentVariable.FromSecret(envVarName, name) with { Condition = condition }, containerName)
            .WithDependency(role);
        return new WorkloadGrant<T>(changed, role);
    }

    /// <summary>
    /// Lets the workload pull from <paramref name="registry"/> with <paramref name="identity"/>: the registry entry
    /// (identity-based, no admin user), the identity, an AcrPull role on the registry and the dependency on it
    /// (an image pull at revision start fails without the role).
    /// </summary>
    public static WorkloadGrant<T> WithRegistry<T>(this T workload, ContainerRegistry registry, UserAssignedIdentity identity)
        where T : Resource, IContainerWorkload<T>
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(identity);
        var role = RegistryPullGrant(registry, identity);
        var changed = workload.WithIdentity(identity).WithRegistry(new RegistryCredential(registry.LoginServer, identity.Id)).WithDependency(role);
        return new WorkloadGrant<T>(changed, role);
    }

    /// <summary>
    /// The role assignment <see cref="WithKeyVaultSecretAsEnv"/> makes: Key Vault Secrets User on that one secret,
    /// under the secret's condition. Public so a template deployed ahead of the workloads can create the very same
    /// grant (same name, same declaration) minutes before the workload needs it.
    /// </summary>
    public static RoleAssignment SecretReadGrant(KeyVaultSecret secret, UserAssignedIdentity identity, BicepExpression? condition = null) =>
        RoleAssignments.Grant(secret, identity, BuiltInRoles.KeyVaultSecretsUser) with { Condition = condition };

    /// <summary>The role assignment <see cref="WithRegistry"/> makes: AcrPull on the registry (see <see cref="SecretReadGrant"/>).</summary>
    public static RoleAssignment RegistryPullGrant(ContainerRegistry registry, UserAssignedIdentity identity) =>
        RoleAssignments.Grant(registry, identity, BuiltInRoles.AcrPull);

    /// <summary><c>JWT_SECRET_KEY</c> → <c>jwt-secret-key</c>: container app secret names allow lowercase letters, digits and '-'.</summary>
    public static string ToSecretName(string envVarName)
    {
        ArgumentNullException.ThrowIfNull(envVarName);
        var builder = new StringBuilder(envVarName.Length);
        foreach (var c in envVarName)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        return builder.ToString().Trim('-');
    }
}
