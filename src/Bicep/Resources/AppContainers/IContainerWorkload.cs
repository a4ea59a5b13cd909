using System.Collections.Immutable;
using Provisioning.Bicep.Model;
using Provisioning.Bicep.Resources.Identity;
using Provisioning.Bicep.Resources.Shared;

namespace Provisioning.Bicep.Resources.AppContainers;

/// <summary>
/// What container apps and jobs share (identities, secrets, registries, containers), so composite helpers such as
/// "give this workload this Key Vault secret as env var X" work on both. Every method returns a changed copy.
/// </summary>
public interface IContainerWorkload<TSelf> where TSelf : Resource, IContainerWorkload<TSelf>
{
    ManagedIdentities Identities { get; }

    ImmutableArray<ContainerAppSecret> Secrets { get; }

    ImmutableArray<RegistryCredential> Registries { get; }

    ImmutableArray<Container> Containers { get; }

    /// <summary>Adds the identity to the workload's user-assigned identities (no-op if present).</summary>
    TSelf WithIdentity(UserAssignedIdentity identity);

    /// <summary>Adds or replaces (by name) a secret.</summary>
    TSelf WithSecret(ContainerAppSecret secret);

    /// <summary>Adds a registry entry (no-op if one for the same server and identity is present).</summary>
    TSelf WithRegistry(RegistryCredential registry);

    /// <summary>Adds or replaces (by name) an env var on the named container, or on every container when null.</summary>
    TSelf WithEnv(EnvironmentVariable variable, string? containerName = null);

    /// <summary>Adds an explicit dependency (no-op if present), e.g. on a role assignment that must exist first.</summary>
    TSelf WithDependency(Resource resource);
}

/// <summary>The shared implementation of <see cref="IContainerWorkload{TSelf}"/>'s list edits.</summary>
internal static class ContainerWorkload
{
    public static ImmutableArray<ContainerAppSecret> Upsert(ImmutableArray<ContainerAppSecret> secrets, ContainerAppSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return [.. secrets.Where(s => s.Name != secret.Name), secret];
    }

    public static ImmutableArray<RegistryCredential> Upsert(ImmutableArray<RegistryCredential> registries, RegistryCredential registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registries.Contains(registry) ? registries : registries.Add(registry);
    }

    public static ImmutableArray<Container> WithEnv(ImmutableArray<Container> containers, EnvironmentVariable variable, string? containerName)
    {
        if (containerName is not null && !containers.Any(c => c.Name == containerName))
        {
            throw new ArgumentException($"No container named '{containerName}'.", nameof(containerName));
        }
        return [.. containers.Select(c => containerName is null || c.Name == containerName ? c.WithEnv(variable) : c)];
    }

    public static ImmutableArray<Resource> WithDependency(ImmutableArray<Resource> dependsOn, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return dependsOn.Any(d => d.Identifier == resource.Identifier) ? dependsOn : dependsOn.Add(resource);
    }
}
