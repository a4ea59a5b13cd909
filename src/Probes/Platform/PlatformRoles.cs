namespace Provisioning.Probes.Platform;

/// <summary>A built-in Azure role: its display name and its role definition id (the same in every tenant).</summary>
public sealed record BuiltInReadRole(string Name, string Id);

/// <summary>
/// The narrowest built-in roles that let the probe's identity read what the platform checks read, each meant to be
/// assigned on exactly one resource (never the resource group).
/// </summary>
/// <remarks>
/// Container Apps has a read-only built-in role for apps ("ContainerApp Reader": Microsoft.App/containerApps/read and
/// containerApps/*/read, which covers revisions/read) but none for jobs, so the job needs "Reader" (*/read), which
/// scoped to the job alone reads only the job and its executions. The deployment list (CLI only) lives on the
/// resource group; the Function does not need it: it compares with the job's own systemData.lastModifiedAt.
/// </remarks>
public static class PlatformRoles
{
    public static readonly BuiltInReadRole Reader = new("Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7");

    public static readonly BuiltInReadRole ContainerAppReader = new("ContainerApp Reader", "ad2dd5fb-cd4b-4fd4-a9b6-4fed3630980b");

    /// <summary>The role to grant for an ARM action such as <c>Microsoft.App/jobs/executions/read</c>.</summary>
    public static BuiltInReadRole For(string action) =>
        action.StartsWith("Microsoft.App/containerApps", StringComparison.OrdinalIgnoreCase) ? ContainerAppReader : Reader;
}
