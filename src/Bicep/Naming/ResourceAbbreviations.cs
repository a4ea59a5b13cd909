using System.Collections.Frozen;

namespace Provisioning.Bicep.Naming;

/// <summary>
/// Cloud Adoption Framework abbreviations per resource type, the first part of every generated name, so a name
/// says what it is (<c>kv-…</c>, <c>st…</c>) in the portal, in logs and in cost reports.
/// </summary>
public static class ResourceAbbreviations
{
    private static readonly FrozenDictionary<string, string> ByType = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.App/containerApps"] = "ca",
        ["Microsoft.App/managedEnvironments"] = "cae",
        ["Microsoft.App/jobs"] = "caj",
        ["Microsoft.ContainerRegistry/registries"] = "cr",
        ["Microsoft.KeyVault/vaults"] = "kv",
        ["Microsoft.ManagedIdentity/userAssignedIdentities"] = "id",
        ["Microsoft.OperationalInsights/workspaces"] = "log",
        ["Microsoft.Insights/components"] = "appi",
        ["Microsoft.Insights/actionGroups"] = "ag",
        ["Microsoft.DBforPostgreSQL/flexibleServers"] = "psql",
        ["Microsoft.Storage/storageAccounts"] = "st",
        ["Microsoft.Network/virtualNetworks"] = "vnet",
        ["Microsoft.Network/privateEndpoints"] = "pe",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known resource type and its abbreviation.</summary>
    public static IReadOnlyDictionary<string, string> All => ByType;

    public static bool TryGet(string resourceType, out string abbreviation)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        return ByType.TryGetValue(resourceType, out abbreviation!);
    }

    /// <exception cref="ArgumentException">No abbreviation is known for <paramref name="resourceType"/>.</exception>
    public static string For(string resourceType) =>
        TryGet(resourceType, out var abbreviation)
            ? abbreviation
            : throw new ArgumentException($"No CAF abbreviation is known for '{resourceType}'; add one to ResourceAbbreviations or pass the abbreviation explicitly.", nameof(resourceType));
}
