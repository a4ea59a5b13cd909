using Provisioning.Bicep.Syntax;

namespace Provisioning.Bicep.Composition;

/// <summary>
/// An Azure built-in role: its display name, a short key used in symbol names, and its definition GUID, which is
/// the same in every tenant and subscription.
/// </summary>
public sealed record BuiltInRole(string DisplayName, string Key, string DefinitionGuid)
{
    /// <summary><c>subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '&lt;guid&gt;')</c></summary>
    public BicepExpression DefinitionId => Syntax.Bicep.SubscriptionResourceId("Microsoft.Authorization/roleDefinitions", DefinitionGuid);
}

/// <summary>
/// The built-in roles the typed helpers grant, with their GUIDs from "Azure built-in roles" (Microsoft Learn).
/// Each is the least-privileged role for its job; none of them can change access or read other principals' data.
/// </summary>
public static class BuiltInRoles
{
    /// <summary>Read secret contents; scoped to a single secret it reads only that secret.</summary>
    public static BuiltInRole KeyVaultSecretsUser { get; } = new("Key Vault Secrets User", "KeyVaultSecretsUser", "4633458b-17de-408a-b874-0445c86b69e6");

    /// <summary>Pull images from a container registry.</summary>
    public static BuiltInRole AcrPull { get; } = new("AcrPull", "AcrPull", "7f951dda-4ed3-4680-a7ca-43fe172d538d");

    /// <summary>Full blob data access incl. POSIX ACLs; what the Functions host needs for identity-based AzureWebJobsStorage (leases, blobs).</summary>
    public static BuiltInRole StorageBlobDataOwner { get; } = new("Storage Blob Data Owner", "StorageBlobDataOwner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b");

    /// <summary>Read, write and delete queue messages (Functions host queues, e.g. poison messages).</summary>
    public static BuiltInRole StorageQueueDataContributor { get; } = new("Storage Queue Data Contributor", "StorageQueueDataContributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88");

    /// <summary>Read, write and delete table entities (Durable Functions, timer state in newer hosts).</summary>
    public static BuiltInRole StorageTableDataContributor { get; } = new("Storage Table Data Contributor", "StorageTableDataContributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3");

    /// <summary>Publish metrics and telemetry, e.g. to Application Insights with local (key) auth disabled.</summary>
    public static BuiltInRole MonitoringMetricsPublisher { get; } = new("Monitoring Metrics Publisher", "MonitoringMetricsPublisher", "3913510d-42f4-4e42-8a64-420c390055eb");

    /// <summary>Read everything at its scope (*/read); scoped to one Container Apps job it reads that job and its executions only.</summary>
    public static BuiltInRole Reader { get; } = new("Reader", "Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7");

    /// <summary>Read a container app and its revisions (Microsoft.App/containerApps/read, containerApps/*/read); there is no such role for jobs.</summary>
    public static BuiltInRole ContainerAppReader { get; } = new("ContainerApp Reader", "ContainerAppReader", "ad2dd5fb-cd4b-4fd4-a9b6-4fed3630980b");
}
